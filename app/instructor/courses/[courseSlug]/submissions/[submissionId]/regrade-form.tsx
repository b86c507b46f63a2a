"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/app/_components/field";
import type { FieldErrors } from "@/lib/errors";
import { regradeSubmissionAction } from "./actions";

export function RegradeForm({ courseSlug, submissionId, isFinished }: { courseSlug: string; submissionId: string; isFinished: boolean }) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setFormError(null);
    try {
      const result = await regradeSubmissionAction(courseSlug, submissionId, { reason: form.get("reason") });
      if (!result.isOk) {
        setFieldErrors(result.fieldErrors);
        setFormError(result.message);
        return;
      }
      setFieldErrors({});
      router.refresh();
    } catch {
      setFormError("The regrade could not be queued: the server could not be reached. Try again in a moment.");
    } finally {
      setIsPending(false);
    }
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label="Regrade this submission">
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <Field name="reason" label="Why regrade?" errors={fieldErrors.reason} hint="The current result is kept in the audit log. No attempt is charged." />
      <div>
        <button type="submit" className="button" disabled={isPending || !isFinished}>
          {isPending ? "Queueing…" : isFinished ? "Regrade this submission" : "Being graded…"}
        </button>
      </div>
    </form>
  );
}
