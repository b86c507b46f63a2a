"use client";

import type { FormEvent } from "react";
import { Field, FieldError } from "@/app/_components/field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import { submitLabAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

/** Take-home labs: upload the files TensorFlow.js's model.save() writes. */
export function WeightsForm({
  courseSlug,
  assignmentSlug,
  disabledReason,
}: {
  courseSlug: string;
  assignmentSlug: string;
  disabledReason: string | null;
}) {
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(
    "Your files could not be sent: the server could not be reached. Try again in a moment.",
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void save(
      () => submitLabAction(courseSlug, assignmentSlug, form),
      ({ submissionId }) => router.push(`/submissions/${submissionId}`),
    );
  }

  return (
    <form className="card lab-form" onSubmit={onSubmit} noValidate aria-label="Upload your trained model">
      <FormMessage message={message} />
      <p className="muted" style={{ margin: 0 }}>
        Train your model anywhere, save it with <code>await model.save(&quot;downloads://model&quot;)</code>, and upload
        both files it writes.
      </p>
      <Field
        name="modelJson"
        label="model.json"
        type="file"
        accept=".json,application/json"
        errors={fieldErrors.modelJson}
      />
      <div className="field">
        <label htmlFor="weights">Weights file (model.weights.bin)</label>
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
        <SubmitButton isPending={isPending} pendingLabel="Uploading…" isDisabled={disabledReason !== null}>
          Submit for grading
        </SubmitButton>
        {disabledReason && <span className="muted">{disabledReason}</span>}
      </div>
    </form>
  );
}
