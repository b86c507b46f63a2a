// Where the language lives: in the first segment of every page's address (/en/…, /zh-CN/…), so a
// shared link opens in the language it was shared in. An address without it (an old link, a bare
// "/") is sent on to the reader's language: the language switch's cookie first, then
// Accept-Language (proxy.ts, next-intl's middleware).
import { defineRouting } from "next-intl/routing";
import { LOCALES } from "../courses/content-schema";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS } from "./locale-choice";

export const routing = defineRouting({
  locales: LOCALES,
  defaultLocale: "en",
  localePrefix: "always",
  localeCookie: { name: LOCALE_COOKIE, maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS, sameSite: "lax" },
  // The pages name their alternates themselves (canonical and hreflang in their metadata).
  alternateLinks: false,
});

/**
 * A path on this site without its leading locale ("/zh-CN/dashboard" → "/dashboard"), for what will
 * be put back into a language by Link, useRouter or proxy.ts (a sign-in's way back, say).
 */
export function pathWithoutLocale(path: string): string {
  const match = /^\/([^/?#]+)(.*)$/.exec(path);
  if (!match || !(routing.locales as readonly string[]).includes(match[1] ?? "")) return path;
  const rest = match[2] ?? "";
  return rest.startsWith("/") ? rest : `/${rest}`;
}
