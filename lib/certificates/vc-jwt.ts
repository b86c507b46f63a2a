// The two token forms of a credential, both compact JWS signed with the issuer's Ed25519 key:
// - VC-JOSE-COSE (W3C Recommendation): the payload is the credential itself; header typ vc+jwt, cty vc.
// - Open Badges 3.0 VC-JWT (ob-jwt.ts): typ JWT and the claims iss, jti, nbf, sub beside the credential.
// Both name the key by a URL on the issuer's origin that dereferences to the public JWK. Credentials
// issued before that named it by its bare thumbprint, and still verify.
import type { KeyObject } from "node:crypto";
import { CompactSign, compactVerify, decodeProtectedHeader, importJWK } from "jose";
import { z } from "zod";
import type { PublicJwk } from "./signing-key";
import { keyJwkUrl, thumbprintOfKid } from "./urls";

export const VC_JWT_MEDIA_TYPE = "application/vc+jwt";

export interface TokenSigningKey {
  /** The key's RFC 7638 thumbprint. */
  kid: string;
  privateKey: KeyObject;
}

const IssuerOfSchema = z.object({ issuer: z.union([z.url(), z.object({ id: z.url() })]) });

/** The issuer's id a credential (or status list credential) names: its key URL hangs off the same origin. */
export function issuerIdOf(payload: object): string {
  const { issuer } = IssuerOfSchema.parse(payload);
  return typeof issuer === "string" ? issuer : issuer.id;
}

/** The VC-JOSE-COSE form: the credential, unchanged, as the JWS payload. */
export async function signVcJwt(payload: object, key: TokenSigningKey): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "EdDSA", kid: keyJwkUrl(key.kid, issuerIdOf(payload)), typ: "vc+jwt", cty: "vc" })
    .sign(key.privateKey);
}

export type KeyResolver = (thumbprint: string) => Promise<PublicJwk | null>;

export type TokenForm = "vc-jose-cose" | "ob-jwt";

export type VcJwtCheck =
  | {
      isValid: true;
      payload: unknown;
      /** The signing key's thumbprint. */
      kid: string;
      /** The origin the `kid` URL names; null for the bare thumbprints of older credentials. */
      keyOrigin: string | null;
      form: TokenForm;
    }
  | { isValid: false; problem: string };

const OB_HEADER_KEYS = new Set(["alg", "kid", "typ"]);

/** Checks the JWS against the issuer's published key named in its header; reads nothing unverified. */
export async function verifyVcJwt(jwt: string, resolveKey: KeyResolver): Promise<VcJwtCheck> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    return { isValid: false, problem: "This is not a signed credential (not a compact JWS)." };
  }
  if (header.alg !== "EdDSA")
    return { isValid: false, problem: `Unexpected signature algorithm ${String(header.alg)}.` };
  let form: TokenForm;
  if (header.typ === "vc+jwt") form = "vc-jose-cose";
  else if (header.typ === "JWT") form = "ob-jwt";
  else
    return {
      isValid: false,
      problem: "The signed data is not marked as a verifiable credential (typ vc+jwt, or JWT for Open Badges).",
    };
  // Open Badges 3.0 allows no other header parameters in its form.
  if (form === "ob-jwt" && Object.keys(header).some((name) => !OB_HEADER_KEYS.has(name)))
    return { isValid: false, problem: "The Open Badges token carries header parameters its specification forbids." };
  if (typeof header.kid !== "string") return { isValid: false, problem: "The signature names no key." };
  const named = thumbprintOfKid(header.kid);
  if (!named) return { isValid: false, problem: "The signature names its key in a way this issuer never does." };
  const jwk = await resolveKey(named.thumbprint);
  if (!jwk) return { isValid: false, problem: "It was signed with a key the issuer never published." };
  try {
    const { payload } = await compactVerify(jwt, await importJWK(jwk, "EdDSA"), { algorithms: ["EdDSA"] });
    return {
      isValid: true,
      payload: JSON.parse(new TextDecoder().decode(payload)) as unknown,
      kid: named.thumbprint,
      keyOrigin: named.origin,
      form,
    };
  } catch {
    return { isValid: false, problem: "The signature does not match the content: it was altered or forged." };
  }
}
