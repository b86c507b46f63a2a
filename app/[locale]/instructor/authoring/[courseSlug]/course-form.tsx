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
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";
import type { Locale } from "@/lib/courses/content-schema";

interface CourseFormProps {
  courseSlug: string;
  initial: CourseFormValues;
  labs: { slug: string; title: string }[];
  locale: Locale;
}

const PERCENT_FIELDS = ["minLessonQuizPercent", "minExamPercent", "passMarkPercent"] as const;
const WEIGHT_FIELDS = [
  { key: "labs", label: "weightLabs" },
  { key: "quizzes", label: "weightQuizzes" },
  { key: "exam", label: "weightExam" },
] as const;

/** course.yaml's editable part: titles, summary, deadline, visibility and the certificate's pass rule. */
export function CourseForm({ courseSlug, initial, labs, locale }: CourseFormProps) {
  const t = authoringMessagesFor(locale);
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
        return t.courseForm.saved;
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="authoring-form card">
      <LocalizedFields
        field="title"
        label={t.fields.title}
        value={form.title}
        onChange={(title) => setForm({ ...form, title })}
        fieldErrors={fieldErrors}
        words={t.fields}
      />
      <LocalizedFields
        field="summary"
        label={t.fields.summary}
        value={form.summary}
        onChange={(summary) => setForm({ ...form, summary })}
        fieldErrors={fieldErrors}
        words={t.fields}
      />
      <Field
        name="deadline"
        label={t.courseForm.deadline}
        hint={t.courseForm.deadlineHint}
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
        {t.courseForm.visible}
      </label>
      <fieldset>
        <legend>{t.courseForm.passRule}</legend>
        <div className="authoring-pair">
          {PERCENT_FIELDS.map((key) => (
            <Field
              key={key}
              name={`passRule-${key}`}
              label={t.courseForm[key]}
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
              label={t.courseForm[label]}
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
        <p style={{ marginBottom: 0 }}>{t.courseForm.requiredLabs}</p>
        {labs.length === 0 ? (
          <p className="muted">{t.courseForm.noLabs}</p>
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
              {lab.title}{" "}
              <span className="muted" translate="no">
                ({lab.slug})
              </span>
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
        <SubmitButton isPending={isPending}>{t.courseForm.save}</SubmitButton>
      </div>
    </form>
  );
}
