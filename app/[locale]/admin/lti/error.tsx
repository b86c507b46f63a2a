"use client";

import { useSyncExternalStore } from "react";
import { LocaleSchema, type Locale } from "@/lib/courses/content-schema";
import { ltiAdminMessagesFor } from "@/lib/i18n/lti-admin-messages";

const NEVER_CHANGES = () => () => undefined;

/** An error boundary renders without its server parent: the page's language comes from `<html lang>`. */
function documentLocale(): Locale {
  const lang = LocaleSchema.safeParse(document.documentElement.lang);
  return lang.success ? lang.data : "en";
}

export default function LtiAdminError({ reset }: { error: Error; reset: () => void }) {
  const locale = useSyncExternalStore(NEVER_CHANGES, documentLocale, () => "en" as const);
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
