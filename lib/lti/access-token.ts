// Access tokens for a platform's LTI Advantage services (AGS, NRPS): OAuth 2.0 client_credentials
// with private_key_jwt, as the LTI 1.3 security framework (§4.1) requires. Gradient authenticates by
// a short JWT signed with its tool key, never with a shared secret. Tokens are kept in memory until a
// minute before they expire, so a burst of score posts asks the platform once.
import crypto from "node:crypto";
import { z } from "zod";
import { signWithToolKey } from "./tool-key";
import { jsonOf, LtiServiceError, serviceRequest } from "./service-request";
import { JWT_BEARER_ASSERTION } from "./vocabulary";

/** What a token request needs to know of a platform (a row of LtiPlatform). */
export interface TokenPlatform {
  id: string;
  clientId: string;
  accessTokenUrl: string;
  authServer: string | null;
}

const TokenResponseSchema = z.object({
  access_token: z.string().min(1).max(8192),
  // RFC 6749 §7.1: the type is case-insensitive; only bearer tokens are used by LTI services.
  token_type: z.string().refine((type) => type.toLowerCase() === "bearer", "not a bearer token"),
  /** Seconds; a platform that omits it gets the hour most of them grant. */
  expires_in: z.coerce
    .number()
    .int()
    .positive()
    .max(86_400 * 30)
    .default(3600),
  scope: z.string().max(4096).optional(),
});

/** A token is not used in its last minute, so it cannot expire between the check and the platform's. */
const EXPIRY_MARGIN_MS = 60_000;
/** The client assertion is used once, at once: a short life limits a leaked one. */
const ASSERTION_LIFETIME_SECONDS = 300;

interface CachedToken {
  token: string;
  usableUntil: number;
}

const cache = new Map<string, CachedToken>();
const inFlight = new Map<string, Promise<CachedToken>>();

function cacheKey(platformId: string, scopes: readonly string[]): string {
  return `${platformId} ${[...new Set(scopes)].sort().join(" ")}`;
}

async function requestToken(platform: TokenPlatform, scopes: readonly string[]): Promise<CachedToken> {
  const clientAssertion = await signWithToolKey(
    {
      iss: platform.clientId,
      sub: platform.clientId,
      aud: platform.authServer ?? platform.accessTokenUrl,
      jti: crypto.randomUUID(),
    },
    { expiresInSeconds: ASSERTION_LIFETIME_SECONDS },
  );
  const startedAt = Date.now();
  const response = await serviceRequest(platform.accessTokenUrl, {
    method: "POST",
    what: "token",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: JWT_BEARER_ASSERTION,
      client_assertion: clientAssertion,
      scope: [...new Set(scopes)].join(" "),
    }),
  });
  const parsed = TokenResponseSchema.safeParse(jsonOf(response, "token"));
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new LtiServiceError(
      `The platform's token answer is not an OAuth 2.0 token (${problem?.path.join(".") || "body"}: ${problem?.message ?? "invalid"}).`,
      response.status,
    );
  }
  // Counted from when the request left: the platform's clock started no later than that.
  return { token: parsed.data.access_token, usableUntil: startedAt + parsed.data.expires_in * 1000 - EXPIRY_MARGIN_MS };
}

/**
 * A bearer token for `scopes` at `platform`, from the cache while it has more than a minute left.
 * Throws LtiServiceError (with the platform's status and words) when the platform refuses.
 */
export async function getServiceToken(platform: TokenPlatform, scopes: readonly string[]): Promise<string> {
  const key = cacheKey(platform.id, scopes);
  const cached = cache.get(key);
  if (cached && cached.usableUntil > Date.now()) return cached.token;
  // Concurrent callers share one request rather than each minting an assertion and a token.
  let pending = inFlight.get(key);
  if (!pending) {
    pending = requestToken(platform, scopes).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  const fresh = await pending;
  cache.set(key, fresh);
  return fresh.token;
}

/** Drops a platform's cached tokens: after it answers 401 to one, or when its registration changes. */
export function forgetServiceTokens(platformId: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${platformId} `)) cache.delete(key);
}
