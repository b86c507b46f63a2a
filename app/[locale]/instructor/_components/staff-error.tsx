"use client";

import { useSyncExternalStore } from "react";
import { LocaleSchema, type Locale } from "@/lib/courses/content-schema";
import { staffMessagesFor, type StaffMessages } from "@/lib/i18n/staff-messages";

const NEVER_CHANGES = () => () => undefined;

function documentLocale(): Locale {
  const lang = LocaleSchema.safeParse(document.documentElement.lang);
  return lang.success ? lang.data : "en";
}

/**
 * An error boundary's words. A boundary is a client component rendered without its server parent,
 * so it reads the language the page was served in from `<html lang>` rather than from the cookie.
 */
export function StaffError({
  reset,
  words,
}: {
  reset: () => void;
  words: (common: StaffMessages["common"]) => { title: string; body: string };
}) {
  // The server snapshot is only used while hydrating; the browser's answer follows at once.
  const locale = useSyncExternalStore(NEVER_CHANGES, documentLocale, () => "en" as const);
  const common = staffMessagesFor(locale).common;
  const { title, body } = words(common);
  return (
    <>
      <h1>{title}</h1>
      <p>{body}</p>
      <button type="button" className="button" onClick={reset}>
        {common.tryAgain}
      </button>
    </>
  );
}
