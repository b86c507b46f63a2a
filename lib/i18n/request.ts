// next-intl's per-request configuration. A page's language is its address's (the [locale] segment,
// passed on by proxy.ts). What has no locale in its address (a route handler, a server action called
// from elsewhere) falls back to the reader's choice: cookie, saved account language, Accept-Language.
// The words themselves stay in the typed catalogues of lib/i18n; next-intl carries only the locale.
import { hasLocale } from "next-intl";
import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { getCurrentUserLocale } from "../auth";
import { chooseLocale, isChosenByCookie, LOCALE_COOKIE } from "./locale-choice";
import { routing } from "./routing";

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  if (hasLocale(routing.locales, requested)) return { locale: requested, timeZone: "UTC" };
  const cookieValue = (await cookies()).get(LOCALE_COOKIE)?.value;
  const saved = isChosenByCookie(cookieValue) ? null : await getCurrentUserLocale();
  return { locale: chooseLocale(cookieValue, saved, (await headers()).get("accept-language")), timeZone: "UTC" };
});
