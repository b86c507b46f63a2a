// Next's proxy (middleware): puts every page address in a language (lib/i18n/routing.ts). Route
// handlers that answer machines (APIs, credentials, keys, status lists, OB 3.0 endpoints) keep their
// addresses without a locale, and files with an extension are left alone.
import createMiddleware from "next-intl/middleware";
import { routing } from "./lib/i18n/routing";

export default createMiddleware(routing);

export const config = {
  matcher: [
    "/((?!api|_next|_vercel|\\.well-known|contexts|credentials|issuer|status|ims/ob/v3p0/(?!auth/authorize)|.*\\..*).*)",
  ],
};
