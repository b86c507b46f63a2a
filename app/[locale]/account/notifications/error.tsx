"use client";

import { useDocumentLocale } from "@/app/_components/document-locale";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";

/** The page's language is read from the document, which the layout renders with its lang attribute. */
export default function NotificationsError({ reset }: { error: Error; reset: () => void }) {
  const locale = useDocumentLocale();
  const t = reviewMessagesFor(locale).notifications;
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
