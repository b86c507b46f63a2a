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
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";
import type { Locale } from "@/lib/courses/content-schema";

interface LessonFormProps {
  courseSlug: string;
  /** The lesson being edited, or null for a new one. */
  lessonSlug: string | null;
  initial: LessonFormValues;
  locale: Locale;
}

/** lesson.yaml and the two Markdown bodies, each body beside its live preview. */
export function LessonForm({ courseSlug, lessonSlug, initial, locale }: LessonFormProps) {
  const t = authoringMessagesFor(locale);
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
        return t.lesson.saved;
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="authoring-form">
      <div className="authoring-pair">
        <Field
          name="slug"
          label={t.newCourse.slug}
          hint={lessonSlug ? t.lesson.slugFixed : t.lesson.slugNew}
          value={form.slug}
          readOnly={lessonSlug !== null}
          onChange={(event) => setForm({ ...form, slug: event.target.value })}
          errors={errorsFor(fieldErrors, "slug")}
        />
        <Field
          name="minutes"
          label={t.lesson.minutes}
          type="number"
          inputMode="numeric"
          value={form.minutes}
          onChange={(event) => setForm({ ...form, minutes: event.target.value })}
          errors={errorsFor(fieldErrors, "minutes")}
        />
      </div>
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
        label={t.fields.syllabusSummary}
        value={form.summary}
        onChange={(summary) => setForm({ ...form, summary })}
        fieldErrors={fieldErrors}
        words={t.fields}
      />
      <MarkdownEditor
        id="body-en"
        label={t.lesson.bodyEn}
        lang="en"
        words={t.preview}
        value={form.body.en}
        onChange={(en) => setForm({ ...form, body: { ...form.body, en } })}
        errors={errorsFor(fieldErrors, "body.en")}
        assetBase={assetBase}
        rows={24}
      />
      <MarkdownEditor
        id="body-zh-CN"
        label={t.lesson.bodyZh}
        lang="zh-CN"
        words={t.preview}
        value={form.body["zh-CN"]}
        onChange={(zh) => setForm({ ...form, body: { ...form.body, "zh-CN": zh } })}
        errors={errorsFor(fieldErrors, "body.zh-CN")}
        assetBase={assetBase}
        rows={24}
      />
      <FormMessage message={message} />
      <div>
        <SubmitButton isPending={isPending}>{lessonSlug ? t.lesson.save : t.lesson.create}</SubmitButton>
      </div>
    </form>
  );
}
