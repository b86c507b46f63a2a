"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { getCurrentUser } from "../auth";
import { LocaleSchema } from "../courses/content-schema";
import { db } from "../db";
import { parseInput } from "../validation";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS } from "./locale";

const SetLocaleSchema = z.object({ locale: LocaleSchema });

/**
 * The language switch's form action. The cookie remembers the choice in this browser; a signed-in
 * user's choice is also kept on their account (User.locale), so a new browser starts in it.
 */
export async function setLocaleAction(form: FormData): Promise<void> {
  const { locale } = parseInput(SetLocaleSchema, { locale: form.get("locale") }, "Choose English or Simplified Chinese.");
  (await cookies()).set(LOCALE_COOKIE, locale, {
    maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS,
    sameSite: "lax",
    httpOnly: true,
    path: "/",
  });
  const user = await getCurrentUser();
  if (user) await db.user.update({ where: { id: user.id }, data: { locale } });
  revalidatePath("/", "layout");
}
