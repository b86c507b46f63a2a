"use client";

import { useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import type { CourseFormValues } from "@/lib/authoring/schemas";
import { SubmitButton } from "@/app/_components/submit-button";
import { updateCourseAction } from "../actions";
import { errorsFor } from "../_components/form-errors";
import { LocalizedFields } from "../_components/localized-fields";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { useRouter } from "@/lib/i18n/navigation";

interface CourseFormProps {
  courseSlug: string;
  initial: CourseFormValues;
  labs: { slug: string; title: string }[];
}

const PERCENT_FIELDS = [
  { key: "minLessonQuizPercent", label: "Minimum best score on every lesson quiz (%)" },
  { key: "minExamPercent", label: "Minimum best score on the final exam (%)" },
  { key: "passMarkPercent", label: "Final score needed for the certificate (%)" },
] as const;
const WEIGHT_FIELDS = [
  { key: "labs", label: "Weight of labs" },
  { key: "quizzes", label: "Weight of lesson quizzes" },
  { key: "exam", label: "Weight of the exam" },
] as const;

/** course.yaml's editable part: titles, summary, deadline, visibility and the certificate's pass rule. */
export function CourseForm({ courseSlug, initial, labs }: CourseFormProps) {
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const { fieldErrors, message, isPending, save } = useSave();
  const setPassRule = (passRule: Partial<CourseFormValues["passRule"]>) =>
    setForm({ ...form, passRule: { ...form.passRule, ...passRule } });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(
      () => updateCourseAction(courseSlug, form),
      () => {
        router.refresh();
        return "Course saved.";
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="authoring-form card">
      <LocalizedFields
        field="title"
        label="Title"
        value={form.title}
        onChange={(title) => setForm({ ...form, title })}
        fieldErrors={fieldErrors}
      />
      <LocalizedFields
        field="summary"
        label="Summary"
        value={form.summary}
        onChange={(summary) => setForm({ ...form, summary })}
        fieldErrors={fieldErrors}
      />
      <Field
        name="deadline"
        label="Course deadline (optional)"
        hint="ISO 8601 with an offset, e.g. 2026-12-31T23:59:00+08:00. Leave empty for none."
        value={form.deadline}
        onChange={(event) => setForm({ ...form, deadline: event.target.value })}
        errors={errorsFor(fieldErrors, "deadline")}
      />
      <label>
        <input
          type="checkbox"
          checked={form.isPublished}
          onChange={(event) => setForm({ ...form, isPublished: event.target.checked })}
        />{" "}
        Visible to learners
      </label>
      <fieldset>
        <legend>Pass rule</legend>
        <div className="authoring-pair">
          {PERCENT_FIELDS.map(({ key, label }) => (
            <Field
              key={key}
              name={`passRule-${key}`}
              label={label}
              type="number"
              inputMode="decimal"
              value={form.passRule[key]}
              onChange={(event) => setPassRule({ [key]: event.target.value })}
              errors={errorsFor(fieldErrors, `passRule.${key}`)}
            />
          ))}
        </div>
        <div className="authoring-pair">
          {WEIGHT_FIELDS.map(({ key, label }) => (
            <Field
              key={key}
              name={`passRule-weights-${key}`}
              label={label}
              type="number"
              step="0.05"
              inputMode="decimal"
              value={form.passRule.weights[key]}
              onChange={(event) => setPassRule({ weights: { ...form.passRule.weights, [key]: event.target.value } })}
              errors={errorsFor(fieldErrors, `passRule.weights.${key}`)}
            />
          ))}
        </div>
        {(fieldErrors["passRule.weights"] ?? []).map((error) => (
          <p key={error} className="field-error" role="alert">
            {error}
          </p>
        ))}
        <p style={{ marginBottom: 0 }}>Labs that must each be passed:</p>
        {labs.length === 0 ? (
          <p className="muted">The course has no labs yet.</p>
        ) : (
          labs.map((lab) => (
            <label key={lab.slug} style={{ display: "block" }}>
              <input
                type="checkbox"
                checked={form.passRule.requiredLabs.includes(lab.slug)}
                onChange={(event) =>
                  setPassRule({
                    requiredLabs: event.target.checked
                      ? [...form.passRule.requiredLabs, lab.slug]
                      : form.passRule.requiredLabs.filter((slug) => slug !== lab.slug),
                  })
                }
              />{" "}
              {lab.title} <span className="muted">({lab.slug})</span>
            </label>
          ))
        )}
        {errorsFor(fieldErrors, "passRule.requiredLabs").map((error) => (
          <p key={error} className="field-error" role="alert">
            {error}
          </p>
        ))}
      </fieldset>
      <FormMessage message={message} />
      <div>
        <SubmitButton isPending={isPending}>Save course</SubmitButton>
      </div>
    </form>
  );
}
