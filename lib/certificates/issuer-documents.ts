// The issuer's documents a verifier dereferences: the controller document at /issuer (also the
// issuer's Open Badges Profile) and, per key, a Multikey verification method (what embedded proofs
// name) and a JsonWebKey one at the tokens' `kid` URL (VC-JOSE-COSE asks that a token's kid be a
// JsonWebKey method the issuer's controller document lists).
//
// The controller document's first context is the DID v1 context although it is not a DID document:
// jsonld-signatures reads `assertionMethod` straight from a document that starts with it, and would
// otherwise frame the document with the security v2 context, which verifiers such as verifier-core
// do not bundle (they would fetch it from the internet). Every context it names is one those
// verifiers bundle, or ours.
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { ISSUER_NAME } from "./build-credential";
import { OB_CONTEXT, VC_CONTEXT } from "./credential-schema";
import { DID_CONTEXT, gradientContextUrl, MULTIKEY_CONTEXT } from "./jsonld-contexts";
import { findPublishedKey, listSigningKeys } from "./list-published-keys";
import type { PublicJwk } from "./signing-key";
import { issuerId, keyJwkUrl, verificationMethodId } from "./urls";

export interface VerificationMethod {
  id: string;
  type: "Multikey";
  controller: string;
  publicKeyMultibase: string;
}

export interface JsonWebKeyMethod {
  id: string;
  type: "JsonWebKey";
  controller: string;
  /** The JWK the `kid` URL serves. */
  publicKeyJwk: PublicJwk;
}

const KEY_PATH = /^\/issuer\/keys\/([A-Za-z0-9_-]{43})$/;

export async function verificationMethodFor(jwk: PublicJwk, base: string): Promise<VerificationMethod> {
  const keyPair = await Ed25519Multikey.fromJwk({ jwk: { kty: "OKP", crv: "Ed25519", x: jwk.x } });
  return {
    id: verificationMethodId(jwk.kid, base),
    type: "Multikey",
    controller: issuerId(base),
    publicKeyMultibase: keyPair.publicKeyMultibase,
  };
}

/** The method a token's `kid` names; its JWK is the one GET /issuer/keys/<kid>/jwk serves. */
export function jsonWebKeyMethodFor(jwk: PublicJwk, base: string): JsonWebKeyMethod {
  const id = keyJwkUrl(jwk.kid, base);
  return { id, type: "JsonWebKey", controller: issuerId(base), publicKeyJwk: { ...jwk, kid: id } };
}

/** What GET /issuer/keys/<kid> serves; ed25519-multikey accepts a key only with the Multikey context. */
export async function buildKeyDocument(jwk: PublicJwk, base: string) {
  return { "@context": [MULTIKEY_CONTEXT], ...(await verificationMethodFor(jwk, base)) };
}

/**
 * What GET /issuer serves: every key ever published may make assertions, so old credentials verify;
 * each key is listed twice, as its Multikey and its JsonWebKey method.
 */
export async function buildIssuerDocument(keys: PublicJwk[], base: string) {
  const methods = (
    await Promise.all(keys.map(async (key) => [await verificationMethodFor(key, base), jsonWebKeyMethodFor(key, base)]))
  ).flat();
  return {
    "@context": [DID_CONTEXT, VC_CONTEXT, OB_CONTEXT, gradientContextUrl(base)],
    id: issuerId(base),
    type: ["Profile"],
    name: ISSUER_NAME,
    url: new URL("/", base).toString(),
    verificationMethod: methods,
    assertionMethod: methods.map((method) => method.id),
  };
}

/** The issuer document or key document at `url` (on an origin that is ours), or null. */
export async function findIssuerDocument(url: URL): Promise<object | null> {
  if (url.pathname === "/issuer") return buildIssuerDocument(await listSigningKeys(), url.origin);
  const kid = url.pathname.match(KEY_PATH)?.[1];
  if (!kid) return null;
  const key = await findPublishedKey(kid);
  return key ? buildKeyDocument(key, url.origin) : null;
}
