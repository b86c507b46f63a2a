// Signs a launched user in by writing next-auth's own session cookie: the same name, the same
// encrypted JWT (next-auth's `encode`, the secret and lifetime of lib/auth.ts), so every page reads
// it through getServerSession as if the user had signed in with a password. Two flavours:
// - inside the LMS iframe the site is a third party, where only `SameSite=None; Secure` cookies
//   are sent, and `Partitioned` (CHIPS) lets browsers that block third-party cookies keep it for
//   this LMS alone;
// - the first-party fallback (a new tab, lib/lti/session-ticket.ts) gets the ordinary Lax cookie.
import { encode } from "next-auth/jwt";
import { authOptions } from "../auth";
import { publicUrl } from "../env";

const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export interface SessionAccount {
  id: string;
  name: string;
  email: string;
}

function isHttpsSite(): boolean {
  return publicUrl.startsWith("https://");
}

/** The name next-auth reads the session from (lib/auth.ts: useSecureCookies when the site is https). */
export function sessionCookieName(): string {
  return isHttpsSite() ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

function sessionMaxAgeSeconds(): number {
  return authOptions.session?.maxAge ?? DEFAULT_MAX_AGE_SECONDS;
}

/** The session JWT next-auth would issue for this account (its jwt callback keeps only `uid` of its own). */
export async function encodeSessionToken(account: SessionAccount): Promise<string> {
  const secret = authOptions.secret;
  if (!secret) throw new Error("AUTH_SECRET is not set: sessions cannot be signed.");
  return encode({
    token: { uid: account.id, sub: account.id, name: account.name, email: account.email },
    secret,
    maxAge: sessionMaxAgeSeconds(),
  });
}

/** Set-Cookie for a session that works in the LMS's iframe. */
export async function framedSessionCookie(account: SessionAccount): Promise<string> {
  const token = await encodeSessionToken(account);
  return [
    `${sessionCookieName()}=${token}`,
    "Path=/",
    `Max-Age=${sessionMaxAgeSeconds()}`,
    "HttpOnly",
    "Secure",
    "SameSite=None",
    "Partitioned",
  ].join("; ");
}

/** Set-Cookie for the ordinary first-party session, as next-auth writes it after a password sign-in. */
export async function firstPartySessionCookie(account: SessionAccount): Promise<string> {
  const token = await encodeSessionToken(account);
  return [
    `${sessionCookieName()}=${token}`,
    "Path=/",
    `Max-Age=${sessionMaxAgeSeconds()}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(isHttpsSite() ? ["Secure"] : []),
  ].join("; ");
}
