"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "../auth";
import { LocaleSchema } from "../courses/content-schema";
import { db } from "../db";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS } from "./locale-choice";

/** A path on this site, without its locale: one slash, then no second one or backslash (no other origin). */
const ReturnToSchema = z
  .string()
  .max(2048)
  .regex(/^\/(?![/\\])[^\s]*$/)
  .catch("/");

const SetLocaleSchema = z.object({ locale: LocaleSchema, returnTo: ReturnToSchema });

export type SetLocaleResult = { isOk: true } | { isOk: false; message: string };

/**
 * The language switch's form action. The cookie remembers the choice in this browser for addresses
 * without a locale; a signed-in user's choice is also kept on their account (User.locale), so a new
 * browser starts in it. It answers with the same page in the chosen language.
 * A value the switch never sends is answered, not thrown: a throw would reach the browser as a 500.
 */
export async function setLocaleAction(_previous: SetLocaleResult | null, form: FormData): Promise<SetLocaleResult> {
  if (!(form instanceof FormData))
    return { isOk: false, message: "Choose English or Simplified Chinese. 请选择语言。" };
  const parsed = SetLocaleSchema.safeParse({ locale: form.get("locale"), returnTo: form.get("returnTo") ?? "/" });
  if (!parsed.success) return { isOk: false, message: "Choose English or Simplified Chinese. 请选择语言。" };
  const { locale, returnTo } = parsed.data;
  (await cookies()).set(LOCALE_COOKIE, locale, {
    maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS,
    sameSite: "lax",
    httpOnly: true,
    path: "/",
  });
  const user = await getCurrentUser();
  if (user) await db.user.update({ where: { id: user.id }, data: { locale } });
  redirect(`/${locale}${returnTo === "/" ? "" : returnTo}`);
}
