// How a request's language is chosen, from what the request carries. Free of Next.js, so the web
// server in front of Next (web-server/index.ts) chooses exactly as the pages do.
import { LocaleSchema, type Locale } from "../courses/content-schema";

export const LOCALE_COOKIE = "gradient-locale";
/** A year: the choice should survive until the reader changes it. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** The locale Accept-Language prefers, among the two the platform speaks. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase() ?? "";
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return "en";
}

/**
 * The language switch's cookie first; without it (a new browser), a signed-in reader's saved
 * language; failing that, Accept-Language. Accounts start as "en", which says nothing about a
 * choice, so only another saved language overrides what the browser asks for.
 */
export function chooseLocale(
  cookieValue: string | undefined,
  savedLocale: string | null,
  acceptLanguage: string | null | undefined,
): Locale {
  const chosen = LocaleSchema.safeParse(cookieValue);
  if (chosen.success) return chosen.data;
  const saved = LocaleSchema.safeParse(savedLocale);
  if (saved.success && saved.data !== "en") return saved.data;
  return localeFromAcceptLanguage(acceptLanguage);
}

/** Whether the cookie alone decides the language, so the saved one need not be read. */
export function isChosenByCookie(cookieValue: string | undefined): boolean {
  return LocaleSchema.safeParse(cookieValue).success;
}
