import { LocalizedTextSchema, type Locale } from "./content-schema";

/** Picks the text for `locale` from a stored localised JSON value, falling back to English. */
export function localize(value: unknown, locale: Locale = "en"): string {
  const parsed = LocalizedTextSchema.partial().safeParse(value);
  if (!parsed.success) return "";
  return parsed.data[locale] ?? parsed.data.en ?? "";
}
