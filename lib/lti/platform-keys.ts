// Each platform's public keys (its JWKS), fetched with jose's remote key set: kept for ten minutes,
// and fetched again when an id_token names a key id the set does not hold (a platform that rotated
// its key). The cooldown bounds how often forged tokens with made-up key ids can make Gradient
// fetch a platform's JWKS: once in COOLDOWN_MS per platform and process.
import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from "jose";

const CACHE_MAX_AGE_MS = 10 * 60 * 1000;
export const JWKS_COOLDOWN_MS = 5_000;
const TIMEOUT_MS = 5_000;

/** The platform's JWKS could not be read (unreachable, not JSON, not a key set): not the token's fault. */
export class PlatformKeysUnavailableError extends Error {
  constructor(jwksUrl: string, cause: unknown) {
    super(`The platform's keys at ${jwksUrl} could not be read.`, { cause });
    this.name = "PlatformKeysUnavailableError";
  }
}

const keySets = new Map<string, JWTVerifyGetKey>();

/** The key resolver of jwtVerify for a platform's JWKS URL; one per URL and process, so the cache is shared by its launches. */
export function platformKeySet(jwksUrl: string): JWTVerifyGetKey {
  const existing = keySets.get(jwksUrl);
  if (existing) return existing;
  const remote = createRemoteJWKSet(new URL(jwksUrl), {
    cacheMaxAge: CACHE_MAX_AGE_MS,
    cooldownDuration: JWKS_COOLDOWN_MS,
    timeoutDuration: TIMEOUT_MS,
  });
  const resolver: JWTVerifyGetKey = async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      // These say something about the token's key id; anything else is about reaching the platform.
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new PlatformKeysUnavailableError(jwksUrl, error);
    }
  };
  keySets.set(jwksUrl, resolver);
  return resolver;
}
