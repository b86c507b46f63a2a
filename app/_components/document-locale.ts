// The page's language as the root layout wrote it in <html lang>, for code that runs in the browser
// without a locale from its server parent (error boundaries, shared form defaults). The language
// cookie is httpOnly, so the document is the browser's one reliable source.
import { useSyncExternalStore } from "react";
import { LocaleSchema, type Locale } from "@/lib/courses/content-schema";

/** The document's language, or English outside a browser and for a language the site does not speak. */
export function documentLocale(): Locale {
  if (typeof document === "undefined") return "en";
  const parsed = LocaleSchema.safeParse(document.documentElement.lang);
  return parsed.success ? parsed.data : "en";
}

const NEVER_CHANGES = () => () => undefined;

/**
 * The document's language in a client component rendered without a locale from its server parent
 * (an error boundary): English while hydrating, the document's language right after.
 */
export function useDocumentLocale(): Locale {
  return useSyncExternalStore(NEVER_CHANGES, documentLocale, () => "en" as const);
}
