// VC-JOSE-COSE: a credential secured as a compact JWS whose payload is the credential itself.
import type { KeyObject } from "node:crypto";
import { CompactSign, compactVerify, decodeProtectedHeader, importJWK } from "jose";
import type { PublicJwk } from "./signing-key";

export const VC_JWT_MEDIA_TYPE = "application/vc+jwt";

export async function signVcJwt(payload: object, key: { kid: string; privateKey: KeyObject }): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: "vc+jwt", cty: "vc" })
    .sign(key.privateKey);
}

export type KeyResolver = (kid: string) => Promise<PublicJwk | null>;

export type VcJwtCheck = { isValid: true; payload: unknown; kid: string } | { isValid: false; problem: string };

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
  if (header.typ !== "vc+jwt")
    return { isValid: false, problem: "The signed data is not marked as a verifiable credential (typ vc+jwt)." };
  if (typeof header.kid !== "string") return { isValid: false, problem: "The signature names no key." };
  const jwk = await resolveKey(header.kid);
  if (!jwk) return { isValid: false, problem: "It was signed with a key the issuer never published." };
  try {
    const { payload } = await compactVerify(jwt, await importJWK(jwk, "EdDSA"), { algorithms: ["EdDSA"] });
    return { isValid: true, payload: JSON.parse(new TextDecoder().decode(payload)) as unknown, kid: header.kid };
  } catch {
    return { isValid: false, problem: "The signature does not match the content: it was altered or forged." };
  }
}
