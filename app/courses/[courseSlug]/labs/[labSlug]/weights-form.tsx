"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useSave } from "@/app/_components/use-save";
import { submitLabAction } from "./actions";

/** Take-home labs: upload the files TensorFlow.js's model.save() writes. */
export function WeightsForm({ courseSlug, assignmentSlug, disabledReason }: { courseSlug: string; assignmentSlug: string; disabledReason: string | null }) {
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave("Your files could not be sent: the server could not be reached. Try again in a moment.");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void save(
      () => submitLabAction(courseSlug, assignmentSlug, form),
      ({ submissionId }) => router.push(`/submissions/${submissionId}`),
    );
  }

  const errorOf = (field: string) =>
    fieldErrors[field] && (
      <p id={`${field}-error`} className="field-error" role="alert">
        {fieldErrors[field]?.join(" ")}
      </p>
    );
  return (
    <form className="card lab-form" onSubmit={onSubmit} noValidate aria-label="Upload your trained model">
      {message?.isError && (
        <p className="form-error" role="alert">
          {message.text}
        </p>
      )}
      <p className="muted" style={{ margin: 0 }}>
        Train your model anywhere, save it with <code>await model.save(&quot;downloads://model&quot;)</code>, and upload both files it writes.
      </p>
      <div className="field">
        <label htmlFor="modelJson">model.json</label>
        <input id="modelJson" name="modelJson" type="file" accept=".json,application/json" aria-invalid={Boolean(fieldErrors.modelJson)} />
        {errorOf("modelJson")}
      </div>
      <div className="field">
        <label htmlFor="weights">Weights file (model.weights.bin)</label>
        <input id="weights" name="weights" type="file" accept=".bin,application/octet-stream" aria-invalid={Boolean(fieldErrors.weights)} />
        {errorOf("weights")}
        {errorOf("code")}
      </div>
      <div style={{ display: "flex", gap: "0.75rem", alignItems: "center" }}>
        <button type="submit" className="button" disabled={isPending || disabledReason !== null}>
          {isPending ? "Uploading…" : "Submit for grading"}
        </button>
        {disabledReason && <span className="muted">{disabledReason}</span>}
      </div>
    </form>
  );
}
