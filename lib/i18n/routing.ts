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
