// The platform's RS256 key pair, published in its JWKS, and a second key it never publishes, which
// signs the "unknown kid" negative case (LTI 1.3 Security Framework §6: keys are found by kid).
import { exportJWK, generateKeyPair, type CryptoKey, type JSONWebKeySet } from "jose";
import { newId } from "./model";

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

export interface PlatformKeys {
  published: SigningKey;
  /** Never in the JWKS: a token it signs must be refused. */
  unpublished: SigningKey;
  jwks: JSONWebKeySet;
}

async function createSigningKey(): Promise<{ key: SigningKey; publicKey: CryptoKey }> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return { key: { kid: newId("platform-key"), privateKey }, publicKey };
}

export async function createPlatformKeys(): Promise<PlatformKeys> {
  const published = await createSigningKey();
  const unpublished = await createSigningKey();
  const jwk = await exportJWK(published.publicKey);
  return {
    published: published.key,
    unpublished: unpublished.key,
    jwks: { keys: [{ ...jwk, kid: published.key.kid, alg: "RS256", use: "sig" }] },
  };
}
