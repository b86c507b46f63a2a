// Proof Key for Code Exchange (RFC 7636), S256 only: the 1EdTech security framework requires PKCE
// and `plain` would let whoever sees the authorization request redeem the code.
import crypto from "node:crypto";

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const VERIFIER_PATTERN = /^[A-Za-z0-9._~-]{43,128}$/;
/** BASE64URL(SHA256(verifier)) without padding is always 43 characters. */
const CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedChallenge(challenge: string): boolean {
  return CHALLENGE_PATTERN.test(challenge);
}

export function challengeOf(verifier: string): string {
  return crypto.createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** Whether `verifier` is well formed and hashes to `challenge`, compared in constant time. */
export function isVerifierOf(verifier: string, challenge: string): boolean {
  if (!VERIFIER_PATTERN.test(verifier) || !isWellFormedChallenge(challenge)) return false;
  const computed = Buffer.from(challengeOf(verifier));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && crypto.timingSafeEqual(computed, expected);
}
