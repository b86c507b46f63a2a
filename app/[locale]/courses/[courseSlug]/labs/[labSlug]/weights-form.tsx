"use client";

import type { FormEvent } from "react";
import { Field, FieldError } from "@/app/_components/field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import { submitLabAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/courses/content-schema";
import { labPageMessagesFor } from "@/lib/i18n/lab-page-messages";

/** Take-home labs: upload the files TensorFlow.js's model.save() writes. */
export function WeightsForm({
  locale,
  courseSlug,
  assignmentSlug,
  disabledReason,
}: {
  locale: Locale;
  courseSlug: string;
  assignmentSlug: string;
  disabledReason: string | null;
}) {
  const router = useRouter();
  const t = labPageMessagesFor(locale).weights;
  const { fieldErrors, message, isPending, save } = useSave(t.unreachable);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void save(
      () => submitLabAction(courseSlug, assignmentSlug, form),
      ({ submissionId }) => router.push(`/submissions/${submissionId}`),
    );
  }

  return (
    <form className="card lab-form" onSubmit={onSubmit} noValidate aria-label={t.formName}>
      <FormMessage message={message} />
      <p className="muted" style={{ margin: 0 }}>
        {t.howBefore} <code>await model.save(&quot;downloads://model&quot;)</code> {t.howAfter}
      </p>
      <Field
        name="modelJson"
        label="model.json"
        type="file"
        accept=".json,application/json"
        errors={fieldErrors.modelJson}
      />
      <div className="field">
        <label htmlFor="weights">{t.weightsLabel}</label>
        <input
          id="weights"
          name="weights"
          type="file"
          accept=".bin,application/octet-stream"
          aria-invalid={Boolean(fieldErrors.weights)}
        />
        <FieldError id="weights-error" errors={fieldErrors.weights} />
        <FieldError id="code-error" errors={fieldErrors.code} />
      </div>
      <div style={{ display: "flex", gap: "0.75rem", alignItems: "center" }}>
        <SubmitButton isPending={isPending} pendingLabel={t.uploading} isDisabled={disabledReason !== null}>
          {t.submit}
        </SubmitButton>
        {disabledReason && <span className="muted">{disabledReason}</span>}
      </div>
    </form>
  );
}
