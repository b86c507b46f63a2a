"use client";

import { useSearchParams } from "next/navigation";
import { useActionState } from "react";
import { LOCALES, type Locale } from "@/lib/courses/content-schema";
import { usePathname } from "@/lib/i18n/navigation";
import { setLocaleAction, type SetLocaleResult } from "@/lib/i18n/set-locale";
import { siteMessagesFor } from "@/lib/i18n/site-messages";

const NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

/**
 * Two buttons, one per language; a server action form, so it works before (and without) JavaScript.
 * It sends the page's address without its locale, and the action answers with the same page in the
 * chosen language.
 */
export function LanguageSwitchForm({ current }: { current: Locale }) {
  const [state, action] = useActionState<SetLocaleResult | null, FormData>(setLocaleAction, null);
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const t = siteMessagesFor(current).language;
  return (
    <form action={action} className="language-switch" aria-label={t.label}>
      <input type="hidden" name="returnTo" value={query ? `${pathname}?${query}` : pathname} />
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className="link-button"
        >
          {NAMES[locale]}
        </button>
      ))}
      {state?.isOk === false && (
        <span className="form-error" role="alert">
          {t.refused}
        </span>
      )}
    </form>
  );
}
