// The reader's language: chosen with the language switch and remembered in a cookie. Without the
// cookie (a new browser), a signed-in user's saved choice applies, and failing that the browser's
// Accept-Language decides between English and Simplified Chinese.
import { cookies, headers } from "next/headers";
import { getCurrentUserLocale } from "../auth";
import { LocaleSchema, type Locale } from "../courses/content-schema";

export type { Locale };
export const LOCALE_COOKIE = "gradient-locale";
/** A year: the choice should survive until the reader changes it. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** The locale Accept-Language prefers, among the two the platform speaks. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase() ?? "";
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return "en";
}

export async function getLocale(): Promise<Locale> {
  const chosen = LocaleSchema.safeParse((await cookies()).get(LOCALE_COOKIE)?.value);
  if (chosen.success) return chosen.data;
  // Accounts start as "en", which says nothing about a choice, so only another saved language
  // overrides what the browser asks for.
  const saved = LocaleSchema.safeParse(await getCurrentUserLocale());
  if (saved.success && saved.data !== "en") return saved.data;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}
