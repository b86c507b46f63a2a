"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { useSave } from "@/app/_components/use-save";
import { regradeSubmissionAction } from "./actions";

export function RegradeForm({ courseSlug, submissionId, isFinished }: { courseSlug: string; submissionId: string; isFinished: boolean }) {
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave("The regrade could not be queued: the server could not be reached. Try again in a moment.");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void save(
      () => regradeSubmissionAction(courseSlug, submissionId, { reason: form.get("reason") }),
      () => router.refresh(),
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label="Regrade this submission">
      {message?.isError && (
        <p className="form-error" role="alert">
          {message.text}
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
