// Every public address a certificate names. They all hang off the issuer, so a verifier can tell
// that the keys and status lists it fetches belong to the same party that signed the credential.
import { publicUrl } from "../env";

export type StatusPurpose = "revocation" | "suspension";

/**
 * The issuer's id in every credential: `/issuer` on the site's origin, which serves the issuer's
 * profile and controller document; its keys, JWKS and status lists live on the same origin.
 */
export function issuerId(base: string = publicUrl): string {
  return new URL("/issuer", base).toString();
}

/** A key's Multikey verification method, named by its RFC 7638 thumbprint. */
export function verificationMethodId(kid: string, base: string = publicUrl): string {
  return new URL(`/issuer/keys/${encodeURIComponent(kid)}`, base).toString();
}

/**
 * The `kid` of both token forms: a URL on the issuer's origin that dereferences to the public JWK
 * (as Open Badges 3.0 asks), named by the key's RFC 7638 thumbprint.
 */
export function keyJwkUrl(thumbprint: string, base: string = publicUrl): string {
  return new URL(`/issuer/keys/${encodeURIComponent(thumbprint)}/jwk`, base).toString();
}

/** An RFC 7638 SHA-256 thumbprint: 32 bytes, base64url. */
export const THUMBPRINT_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The thumbprint a `kid` names: a key URL of ours, or (credentials issued before key URLs) the bare thumbprint. */
export function thumbprintOfKid(kid: string): { thumbprint: string; origin: string | null } | null {
  if (THUMBPRINT_PATTERN.test(kid)) return { thumbprint: kid, origin: null };
  let url: URL;
  try {
    url = new URL(kid);
  } catch {
    return null;
  }
  const thumbprint = url.pathname.match(/^\/issuer\/keys\/([A-Za-z0-9_-]{43})(?:\/jwk)?$/)?.[1];
  return thumbprint && !url.search && !url.hash ? { thumbprint, origin: url.origin } : null;
}

export function jwksUrl(issuer: string): string {
  return new URL("/.well-known/jwks.json", issuer).toString();
}

export function statusListUrl(purpose: StatusPurpose, base: string = publicUrl): string {
  return new URL(`/status/${purpose}`, base).toString();
}

export function credentialUrl(publicId: string, base: string = publicUrl): string {
  return new URL(`/credentials/${publicId}`, base).toString();
}

export function verifyUrl(publicId: string, base: string = publicUrl): string {
  return new URL(`/verify/${publicId}`, base).toString();
}

export function achievementUrl(courseSlug: string, base: string = publicUrl): string {
  return new URL(`/courses/${courseSlug}`, base).toString();
}
