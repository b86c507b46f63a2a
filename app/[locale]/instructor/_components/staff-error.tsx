"use client";

import { useDocumentLocale } from "@/app/_components/document-locale";
import { staffMessagesFor, type StaffMessages } from "@/lib/i18n/staff-messages";

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
  const locale = useDocumentLocale();
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
