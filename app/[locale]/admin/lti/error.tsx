"use client";

import { useDocumentLocale } from "@/app/_components/document-locale";
import { ltiAdminMessagesFor } from "@/lib/i18n/lti-admin-messages";

/** An error boundary renders without its server parent: the page's language comes from `<html lang>`. */
export default function LtiAdminError({ reset }: { error: Error; reset: () => void }) {
  const locale = useDocumentLocale();
  const t = ltiAdminMessagesFor(locale);
  return (
    <>
      <h1>{t.errorTitle}</h1>
      <p>{t.errorBody}</p>
      <button type="button" className="button" onClick={reset}>
        {t.tryAgain}
      </button>
    </>
  );
}
