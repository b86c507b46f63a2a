"use client";

import { useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { createCourseAction } from "./actions";
import { errorsFor } from "./_components/form-errors";
import { LocalizedFields } from "./_components/localized-fields";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { useRouter } from "@/lib/i18n/navigation";

export function NewCourseForm() {
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
        label="Slug"
        hint="The course's address: lower-case words joined by hyphens. It cannot change later."
        value={slug}
        onChange={(event) => setSlug(event.target.value)}
        errors={errorsFor(fieldErrors, "slug")}
      />
      <LocalizedFields field="title" label="Title" value={title} onChange={setTitle} fieldErrors={fieldErrors} />
      <LocalizedFields
        field="summary"
        label="Summary"
        value={summary}
        onChange={setSummary}
        fieldErrors={fieldErrors}
      />
      <FormMessage message={message} />
      <div>
        <SubmitButton isPending={isPending} pendingLabel="Creating…">
          Create course
        </SubmitButton>
      </div>
    </form>
  );
}
