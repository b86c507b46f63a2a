// Next's proxy (middleware): puts every page address in a language (lib/i18n/routing.ts). Route
// handlers that answer machines (APIs, credentials, keys, status lists, OB 3.0 endpoints, the LTI
// endpoints platforms call) keep their addresses without a locale, and files with an extension are
// left alone.
import createMiddleware from "next-intl/middleware";
import type { NextRequest } from "next/server";
import { routing } from "./lib/i18n/routing";

const handleI18nRouting = createMiddleware(routing);

export default function proxy(request: NextRequest) {
  const response = handleI18nRouting(request);
  // next-intl would also write the locale cookie on page responses. The address holds the language,
  // and the cookie is the language switch's to set (lib/i18n/set-locale.ts): a page answered with a
  // cookie could not be one shared rendering for every reader (lib/page-cache/shared-page-cache.ts).
  // Redirects of addresses without a language still read the cookie.
  response.headers.delete("set-cookie");
  return response;
}

export const config = {
  matcher: [
    "/((?!api|_next|_vercel|\\.well-known|contexts|credentials|issuer|status|lti/|ims/ob/v3p0/(?!auth/authorize)|.*\\..*).*)",
  ],
};
