"use client";

import type { FormEvent } from "react";
import { Field } from "@/app/_components/field";
import { FormMessage, useSave } from "@/app/_components/use-save";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { staffMessagesFor } from "@/lib/i18n/staff-messages";
import { regradeSubmissionAction } from "./actions";
import { useRouter } from "@/lib/i18n/navigation";

export function RegradeForm({
  courseSlug,
  submissionId,
  isFinished,
  locale,
}: {
  courseSlug: string;
  submissionId: string;
  isFinished: boolean;
  locale: Locale;
}) {
  const t = staffMessagesFor(locale).submission;
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(t.regradeUnreachable);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void save(
      () => regradeSubmissionAction(courseSlug, submissionId, { reason: form.get("reason") }),
      () => router.refresh(),
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label={t.regradeLabel}>
      <FormMessage message={message} />
      <Field name="reason" label={t.reason} errors={fieldErrors.reason} hint={t.reasonHint} />
      <div>
        <SubmitButton isPending={isPending} pendingLabel={t.queueing} isDisabled={!isFinished}>
          {isFinished ? t.regradeLabel : t.beingGraded}
        </SubmitButton>
      </div>
    </form>
  );
}
