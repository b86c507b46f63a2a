"use client";

import { useEffect, useState } from "react";
import type { Locale } from "@/lib/courses/content-schema";
import { siteMessagesFor } from "@/lib/i18n/site-messages";
import { documentLocale } from "@/app/_components/document-locale";

// Error boundaries render in the browser, where the language cookie (httpOnly) cannot be read, so
// the language is the one the root layout wrote on <html>, read after hydration.
export default function CourseError({ reset }: { error: Error; reset: () => void }) {
  const [locale, setLocale] = useState<Locale>("en");
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the document's language is readable only after hydration
    setLocale(documentLocale());
  }, []);
  const t = siteMessagesFor(locale).pageError;
  return (
    <section role="alert">
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      <button type="button" className="button" onClick={reset}>
        {t.tryAgain}
      </button>
    </section>
  );
}
