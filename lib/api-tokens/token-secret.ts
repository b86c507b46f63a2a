// The shape of a personal access token. The secret is 256 random bits, base64url, behind a
// recognisable prefix so secret scanners and people can tell a Gradient token at a glance.
import crypto from "node:crypto";

export const TOKEN_PREFIX = "gra_";
const SECRET_BYTES = 32;
const TOKEN_PATTERN = /^gra_[A-Za-z0-9_-]{43}$/;
/** Characters kept in the clear (prefix included) so a list can tell tokens apart. */
const DISPLAY_PREFIX_LENGTH = 12;

export function generateTokenSecret(): { token: string; tokenHash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(SECRET_BYTES).toString("base64url")}`;
  return { token, tokenHash: hashToken(token), prefix: token.slice(0, DISPLAY_PREFIX_LENGTH) };
}

/** A plain sha256 is enough: the input has 256 bits of entropy, so there is nothing to brute-force. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

export function isWellFormedToken(candidate: string): boolean {
  return TOKEN_PATTERN.test(candidate);
}
