"use client";

import { useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { createCourseAction } from "./actions";
import { errorsFor } from "./_components/form-errors";
import { LocalizedFields } from "./_components/localized-fields";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { useRouter } from "@/lib/i18n/navigation";
import { authoringMessagesFor } from "@/lib/i18n/authoring-messages";
import type { Locale } from "@/lib/courses/content-schema";

export function NewCourseForm({ locale }: { locale: Locale }) {
  const t = authoringMessagesFor(locale);
  const router = useRouter();
  const [slug, setSlug] = useState("");
  const [title, setTitle] = useState({ en: "", "zh-CN": "" });
  const [summary, setSummary] = useState({ en: "", "zh-CN": "" });
  const { fieldErrors, message, isPending, save } = useSave();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(
      () => createCourseAction({ slug, title, summary }),
      ({ value: created }) => router.push(`/instructor/authoring/${created.slug}`),
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="authoring-form card">
      <Field
        name="slug"
        label={t.newCourse.slug}
        hint={t.newCourse.slugHint}
        value={slug}
        onChange={(event) => setSlug(event.target.value)}
        errors={errorsFor(fieldErrors, "slug")}
      />
      <LocalizedFields
        field="title"
        label={t.fields.title}
        value={title}
        onChange={setTitle}
        fieldErrors={fieldErrors}
        words={t.fields}
      />
      <LocalizedFields
        field="summary"
        label={t.fields.summary}
        value={summary}
        onChange={setSummary}
        fieldErrors={fieldErrors}
        words={t.fields}
      />
      <FormMessage message={message} />
      <div>
        <SubmitButton isPending={isPending} pendingLabel={t.newCourse.creating}>
          {t.newCourse.create}
        </SubmitButton>
      </div>
    </form>
  );
}
