"use client";

import { useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import type { LessonFormValues } from "@/lib/authoring/schemas";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveLessonAction } from "../../actions";
import { errorsFor } from "../../_components/form-errors";
import { LocalizedFields } from "../../_components/localized-fields";
import { MarkdownEditor } from "../../_components/markdown-editor";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { useRouter } from "@/lib/i18n/navigation";

interface LessonFormProps {
  courseSlug: string;
  /** The lesson being edited, or null for a new one. */
  lessonSlug: string | null;
  initial: LessonFormValues;
}

/** lesson.yaml and the two Markdown bodies, each body beside its live preview. */
export function LessonForm({ courseSlug, lessonSlug, initial }: LessonFormProps) {
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const { fieldErrors, message, isPending, save } = useSave();
  const assetBase = lessonSlug ? `/courses/${courseSlug}/lessons/${lessonSlug}` : undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(
      () => saveLessonAction(courseSlug, lessonSlug, form),
      ({ value: saved }) => {
        if (lessonSlug === null) {
          router.push(`/instructor/authoring/${courseSlug}/lessons/${saved.slug}`);
          return;
        }
        router.refresh();
        return "Lesson saved.";
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="authoring-form">
      <div className="authoring-pair">
        <Field
          name="slug"
          label="Slug"
          hint={
            lessonSlug
              ? "Fixed: learners' progress and links use it."
              : "Lower-case words joined by hyphens; it cannot change later."
          }
          value={form.slug}
          readOnly={lessonSlug !== null}
          onChange={(event) => setForm({ ...form, slug: event.target.value })}
          errors={errorsFor(fieldErrors, "slug")}
        />
        <Field
          name="minutes"
          label="Minutes to read"
          type="number"
          inputMode="numeric"
          value={form.minutes}
          onChange={(event) => setForm({ ...form, minutes: event.target.value })}
          errors={errorsFor(fieldErrors, "minutes")}
        />
      </div>
      <LocalizedFields
        field="title"
        label="Title"
        value={form.title}
        onChange={(title) => setForm({ ...form, title })}
        fieldErrors={fieldErrors}
      />
      <LocalizedFields
        field="summary"
        label="Syllabus summary"
        value={form.summary}
        onChange={(summary) => setForm({ ...form, summary })}
        fieldErrors={fieldErrors}
      />
      <MarkdownEditor
        id="body-en"
        label="Lesson (English Markdown)"
        value={form.body.en}
        onChange={(en) => setForm({ ...form, body: { ...form.body, en } })}
        errors={errorsFor(fieldErrors, "body.en")}
        assetBase={assetBase}
        rows={24}
      />
      <MarkdownEditor
        id="body-zh-CN"
        label="Lesson (简体中文 Markdown)"
        value={form.body["zh-CN"]}
        onChange={(zh) => setForm({ ...form, body: { ...form.body, "zh-CN": zh } })}
        errors={errorsFor(fieldErrors, "body.zh-CN")}
        assetBase={assetBase}
        rows={24}
      />
      <FormMessage message={message} />
      <div>
        <SubmitButton isPending={isPending}>{lessonSlug ? "Save lesson" : "Create lesson"}</SubmitButton>
      </div>
    </form>
  );
}
