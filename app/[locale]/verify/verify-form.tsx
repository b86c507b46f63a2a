"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import type { Locale } from "@/lib/courses/content-schema";
import { verdictProblemText } from "@/lib/i18n/verdict-problem-text";
import { verifyMessagesFor } from "@/lib/i18n/verify-messages";
import { verifyCredentialAction, type VerifyFormState } from "./actions";
import { VerdictPanel } from "./verdict-panel";

export function VerifyForm({ locale }: { locale: Locale }) {
  const t = verifyMessagesFor(locale).verify;
  const [state, action, isPending] = useActionState<VerifyFormState, FormData>(verifyCredentialAction, {
    kind: "idle",
  });
  return (
    <>
      <form className="form card" action={action}>
        <div className="field">
          <label htmlFor="text">{t.paste}</label>
          <textarea id="text" name="text" rows={6} spellCheck={false} placeholder={t.placeholder} />
        </div>
        <div className="field">
          <label htmlFor="file">{t.upload}</label>
          <input id="file" name="file" type="file" accept=".jwt,.json,application/json,application/vc+jwt,text/plain" />
        </div>
        {state.kind === "invalid" && (
          <p className="form-error" role="alert">
            {verdictProblemText(state.message, locale)}
          </p>
        )}
        <SubmitButton isPending={isPending} pendingLabel={t.pending}>
          {t.submit}
        </SubmitButton>
      </form>
      {state.kind === "verdict" && (
        <div aria-live="polite">
          <VerdictPanel status={state.status} problems={state.problems} details={state.details} locale={locale} />
        </div>
      )}
    </>
  );
}
