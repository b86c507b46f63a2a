"use client";

import type { FormEvent } from "react";
import { SelectField } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormMessage, useSave } from "@/app/_components/use-save";
import type { Locale } from "@/lib/courses/content-schema";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";
import { useRouter } from "@/lib/i18n/navigation";
import { requestRegradeAction } from "./review-actions";

/** The learner's request for a review: the whole attempt or one criterion, and a reason. */
export function RegradeRequestForm({
  submissionId,
  criteria,
  locale,
}: {
  submissionId: string;
  /** The released grade's criteria (key and title); empty before a release. */
  criteria: { key: string; title: string }[];
  locale: Locale;
}) {
  const t = reviewMessagesFor(locale).learner;
  const router = useRouter();
  const { fieldErrors, message, isPending, save } = useSave(t.unreachable);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input = { submissionId, criterionKey: form.get("criterionKey") ?? "", reason: form.get("reason") };
    void save(
      () => requestRegradeAction(input),
      () => {
        formElement.reset();
        router.refresh();
        return t.sent;
      },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-label={t.requestHeading}>
      <FormMessage message={message} />
      <SelectField name="criterionKey" label={t.what} errors={fieldErrors.criterionKey}>
        <option value="">{t.wholeAttempt}</option>
        {criteria.map((criterion) => (
          <option key={criterion.key} value={criterion.key}>
            {criterion.title}
          </option>
        ))}
      </SelectField>
      <div className="field">
        <label htmlFor="reason">{t.reason}</label>
        <textarea
          id="reason"
          name="reason"
          rows={3}
          maxLength={1000}
          aria-invalid={Boolean(fieldErrors.reason)}
          aria-describedby={fieldErrors.reason ? "reason-hint reason-error" : "reason-hint"}
        />
        <p id="reason-hint" className="muted" style={{ margin: 0, fontSize: "0.9rem" }}>
          {t.reasonHint}
        </p>
        {fieldErrors.reason && (
          <p id="reason-error" className="field-error" role="alert">
            {fieldErrors.reason.join(" ")}
          </p>
        )}
      </div>
      <div>
        <SubmitButton isPending={isPending} pendingLabel={t.sending}>
          {t.send}
        </SubmitButton>
      </div>
    </form>
  );
}
