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
