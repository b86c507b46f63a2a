"use client";

import type { FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import { regradeSubmissionAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

export function RegradeForm({
  courseSlug,
  submissionId,
  isFinished,
}: {
  courseSlug: string;
  submissionId: string;
  isFinished: boolean;
}) {
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(
    "The regrade could not be queued: the server could not be reached. Try again in a moment.",
  );

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
      <FormMessage message={message} />
      <Field
        name="reason"
        label="Why regrade?"
        errors={fieldErrors.reason}
        hint="The current result is kept in the audit log. No attempt is charged."
      />
      <div>
        <SubmitButton isPending={isPending} pendingLabel="Queueing…" isDisabled={!isFinished}>
          {isFinished ? "Regrade this submission" : "Being graded…"}
        </SubmitButton>
      </div>
    </form>
  );
}
