"use client";

import { useState } from "react";
import type { Locale } from "@/lib/courses/content-schema";
import { obApiMessagesFor } from "@/lib/i18n/ob-api-messages";
import { decideAuthorizationAction } from "./actions";

/**
 * Allow and Deny. The answer goes to a server action, which hands back where the app is waiting;
 * the browser then goes there itself, because the page's form-action policy would stop a form
 * post from being redirected to another site.
 */
export function ConsentForm({
  parameters,
  appName,
  locale,
}: {
  parameters: Record<string, string>;
  appName: string;
  locale: Locale;
}) {
  const t = obApiMessagesFor(locale).consent;
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function answer(isAllowed: boolean) {
    setIsPending(true);
    setError(null);
    try {
      const result = await decideAuthorizationAction(parameters, isAllowed);
      if (!result.isOk) {
        setError(result.message);
        setIsPending(false);
        return;
      }
      window.location.assign(result.value.location);
    } catch {
      setError(t.unreachable);
      setIsPending(false);
    }
  }

  return (
    <div className="consent-actions">
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {isPending && <p role="status">{t.sending}</p>}
      <button
        type="button"
        className="button"
        onClick={() => void answer(true)}
        disabled={isPending}
        aria-label={t.allowLabel(appName)}
      >
        {t.allow}
      </button>
      <button
        type="button"
        className="button secondary"
        onClick={() => void answer(false)}
        disabled={isPending}
        aria-label={t.denyLabel(appName)}
      >
        {t.deny}
      </button>
    </div>
  );
}
