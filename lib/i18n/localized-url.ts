// Absolute page addresses in a given language, for canonical and alternate links. The locale is
// the first segment of every page's path.
import type { Locale } from "../courses/content-schema";
import { publicUrl } from "../env";

export function localizedUrl(locale: Locale, path: string): string {
  return `${publicUrl}/${locale}${path}`;
}
