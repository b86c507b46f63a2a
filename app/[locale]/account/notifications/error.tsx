"use client";

import { useEffect, useState } from "react";
import type { Locale } from "@/lib/courses/content-schema";
import { reviewMessagesFor } from "@/lib/i18n/review-messages";

/** The page's language is read from the document, which the layout renders with its lang attribute. */
export default function NotificationsError({ reset }: { error: Error; reset: () => void }) {
  const [locale, setLocale] = useState<Locale>("en");
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the document's language is readable only after hydration
    if (document.documentElement.lang === "zh-CN") setLocale("zh-CN");
  }, []);
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
