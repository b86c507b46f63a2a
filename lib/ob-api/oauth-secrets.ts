// Client ids, client secrets, authorization codes and tokens: 256 random bits each (client ids
// 128), base64url, stored only as their sha256, which is enough for inputs nobody can guess.
import crypto from "node:crypto";

export function randomSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

export function hashSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Compares two hashes in constant time, so a client secret cannot be found by timing. */
export function isSameHash(left: string, right: string): boolean {
  const a = Buffer.from(left, "hex");
  const b = Buffer.from(right, "hex");
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Codes, tokens and secrets are base64url of 32 bytes; anything else is refused before hashing. */
export function isWellFormedSecret(candidate: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(candidate);
}
