"use client";

import { useEffect, useState } from "react";
import type { Locale } from "@/lib/courses/content-schema";
import { siteMessagesFor } from "@/lib/i18n/site-messages";
import { documentLocale } from "@/app/_components/document-locale";
import { useRouter } from "@/lib/i18n/navigation";

const RETRY_SECONDS = 5;

/**
 * Shown when a page cannot be rendered, most often because Postgres or Redis is briefly away
 * (a restart, a failover). It says so and retries by itself, so the page comes back without the
 * reader doing anything once the service does. An error boundary has no server parent to ask for
 * the language, so it reads the one the root layout wrote on <html>, after hydration.
 */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const router = useRouter();
  const [secondsLeft, setSecondsLeft] = useState(RETRY_SECONDS);
  const [locale, setLocale] = useState<Locale>("en");
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the document's language is readable only after hydration
    setLocale(documentLocale());
  }, []);
  const t = siteMessagesFor(locale).unavailable;

  useEffect(() => {
    const timer = setInterval(() => {
      setSecondsLeft((left) => {
        if (left > 1) return left - 1;
        router.refresh();
        reset();
        return RETRY_SECONDS;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [reset, router]);

  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      <p className="muted" role="status">
        {t.retryIn(secondsLeft)}
      </p>
      <button
        type="button"
        className="button"
        onClick={() => {
          router.refresh();
          reset();
        }}
      >
        {t.tryNow}
      </button>
    </>
  );
}
