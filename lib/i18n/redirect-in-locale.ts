// redirect() to a page of this site in the language of the page being answered. A path without its
// locale would be sent on by proxy.ts to the cookie's or Accept-Language's language instead, which
// is wrong for a reader on a /zh-CN/ address whose browser asks for English.
import { redirect } from "next/navigation";
import { getLocale } from "./locale";

/** `path` is a path on this site without a locale ("/sign-in?callbackUrl=…"). */
export async function redirectInLocale(path: string): Promise<never> {
  redirect(`/${await getLocale()}${path === "/" ? "" : path}`);
}
