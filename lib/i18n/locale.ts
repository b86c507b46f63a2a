// The reader's language, for server components, route handlers and actions: the page address's
// locale where there is one, else the reader's choice (lib/i18n/request.ts).
import { getLocale as getRequestLocale } from "next-intl/server";
import { LocaleSchema, type Locale } from "../courses/content-schema";

export type { Locale };

export async function getLocale(): Promise<Locale> {
  return LocaleSchema.parse(await getRequestLocale());
}
