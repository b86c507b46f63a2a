// The reader's language: chosen with the language switch and remembered in a cookie. Without the
// cookie (a new browser), a signed-in user's saved choice applies, and failing that the browser's
// Accept-Language decides between English and Simplified Chinese (lib/i18n/locale-choice.ts).
import { cookies, headers } from "next/headers";
import { getCurrentUserLocale } from "../auth";
import type { Locale } from "../courses/content-schema";
import { chooseLocale, isChosenByCookie, LOCALE_COOKIE } from "./locale-choice";

export type { Locale };

export async function getLocale(): Promise<Locale> {
  const cookieValue = (await cookies()).get(LOCALE_COOKIE)?.value;
  const saved = isChosenByCookie(cookieValue) ? null : await getCurrentUserLocale();
  return chooseLocale(cookieValue, saved, (await headers()).get("accept-language"));
}
