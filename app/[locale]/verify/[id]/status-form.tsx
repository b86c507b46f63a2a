"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { verifyMessagesFor } from "@/lib/i18n/verify-messages";
import { changeCertificateStatusAction, type StatusFormState } from "./actions";

export function StatusForm({
  publicId,
  isSuspended,
  locale,
}: {
  publicId: string;
  isSuspended: boolean;
  locale: Locale;
}) {
  const t = verifyMessagesFor(locale).status;
  const [state, action, isPending] = useActionState<StatusFormState, FormData>(changeCertificateStatusAction, {
    isOk: null,
    message: "",
  });
  return (
    <form className="form card" action={action} aria-labelledby="manage-heading">
      <h2 id="manage-heading" style={{ marginTop: 0 }}>
        {t.heading}
      </h2>
      <input type="hidden" name="publicId" value={publicId} />
      <div className="field">
        <label htmlFor="status-action">{t.action}</label>
        <select id="status-action" name="action" defaultValue="revoke">
          <option value="revoke">{t.revoke}</option>
          {isSuspended ? (
            <option value="reinstate">{t.reinstate}</option>
          ) : (
            <option value="suspend">{t.suspend}</option>
          )}
        </select>
      </div>
      <div className="field">
        <label htmlFor="reason">{t.reason}</label>
        <textarea id="reason" name="reason" rows={2} required minLength={3} maxLength={500} />
      </div>
      {state.message && (
        <p className={state.isOk ? "muted" : "form-error"} role="alert">
          {state.message}
        </p>
      )}
      <SubmitButton isPending={isPending} pendingLabel={t.pending}>
        {t.apply}
      </SubmitButton>
    </form>
  );
}
