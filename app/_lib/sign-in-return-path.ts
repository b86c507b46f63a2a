// Where sign-in and sign-up send someone once they are in: the page that sent them (its
// callbackUrl, a path on this site only), else their dashboard. A way back that names a language
// loses it, since the form's router puts the page's own back.
import { safeReturnPath } from "@/lib/http/safe-return-path";
import { pathWithoutLocale } from "@/lib/i18n/routing";

export type SearchParams = Record<string, string | string[] | undefined>;

export function signInReturnPath(searchParams: SearchParams): string {
  return pathWithoutLocale(safeReturnPath(searchParams.callbackUrl, "/dashboard"));
}

/** `path` ("/sign-up") with the way back carried on, unless it is the default. */
export function withReturnPath(path: string, returnTo: string): string {
  return returnTo === "/dashboard" ? path : `${path}?callbackUrl=${encodeURIComponent(returnTo)}`;
}
