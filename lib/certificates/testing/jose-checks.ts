// Test support: checks both token forms with plain `jose` and the specifications' own rules, written
// from the specification text (Open Badges 3.0 "JSON Web Token Proof Format"; W3C "Securing
// Verifiable Credentials using JOSE and COSE"), not from Gradient's signing code. A test hands in
// how to dereference a URL (the running server, or the route handlers called directly).
import assert from "node:assert/strict";
import {
  compactVerify,
  createLocalJWKSet,
  decodeProtectedHeader,
  importJWK,
  jwtVerify,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from "jose";

/** Fetches a URL and returns its JSON body. */
export type Dereference = (url: string) => Promise<unknown>;

interface CredentialFields {
  id: string;
  issuer: string | { id: string };
  validFrom: string;
  validUntil?: string;
  credentialSubject: { id?: string };
}

function issuerIdOf(credential: CredentialFields): string {
  return typeof credential.issuer === "string" ? credential.issuer : credential.issuer.id;
}

/** OB 3.0: `kid` is "a URI that can be dereferenced to an object of type JWK"; the JWK "MUST never contain d". */
async function publicJwkAt(kid: unknown, dereference: Dereference): Promise<JWK> {
  assert.equal(typeof kid, "string", "the header names its key with kid");
  const url = new URL(kid as string);
  assert.ok(url.protocol === "https:" || url.protocol === "http:", "kid is a URL that can be dereferenced");
  const jwk = (await dereference(url.toString())) as JWK;
  assert.equal(typeof jwk.kty, "string", "the kid URL dereferences to a JWK");
  assert.equal("d" in jwk, false, "the JWK at the kid URL holds no private part");
  return jwk;
}

/**
 * The Open Badges 3.0 VC-JWT: header only alg, kid (or jwk) and typ, typ "JWT"; signature valid
 * under the key the kid URL dereferences to; iss, jti, nbf, sub present and equal to issuer.id, id,
 * validFrom, credentialSubject.id; exp present exactly when validUntil is, and equal to it.
 */
export async function checkObJwt(jwt: string, dereference: Dereference): Promise<JWTPayload & CredentialFields> {
  const header = decodeProtectedHeader(jwt);
  for (const name of Object.keys(header))
    assert.ok(["alg", "kid", "jwk", "typ"].includes(name), `OB 3.0 allows no JOSE header "${name}"`);
  if ("typ" in header) assert.equal(header.typ, "JWT", 'typ, when present, is "JWT"');
  assert.equal(typeof header.alg, "string");
  const jwk = await publicJwkAt(header.kid, dereference);
  const { payload } = await jwtVerify(jwt, await importJWK(jwk, header.alg));
  const credential = payload as JWTPayload & CredentialFields;
  assert.equal(payload.iss, issuerIdOf(credential), "iss equals issuer.id");
  assert.equal(payload.jti, credential.id, "jti equals id");
  assert.equal(typeof payload.nbf, "number", "nbf is a NumericDate");
  assert.equal(new Date((payload.nbf ?? NaN) * 1000).getTime(), Date.parse(credential.validFrom), "nbf is validFrom");
  assert.equal(typeof payload.sub, "string", "sub is present");
  assert.equal(payload.sub, credential.credentialSubject.id, "sub equals credentialSubject.id");
  if (credential.validUntil === undefined) assert.equal(payload.exp, undefined, "no exp without validUntil");
  else assert.equal((payload.exp ?? NaN) * 1000, Date.parse(credential.validUntil), "exp is validUntil");
  return credential;
}

/**
 * The VC-JOSE-COSE form: typ "vc+jwt", cty (when present) "vc", the payload the credential itself;
 * kid an absolute URL the issuer controls (on the issuer's origin), dereferencing to the key that
 * verifies it, and the same key found under that kid in the issuer's JWKS.
 */
export async function checkVcJoseCose(
  jwt: string,
  dereference: Dereference,
  jwks: JSONWebKeySet,
): Promise<CredentialFields> {
  const header = decodeProtectedHeader(jwt);
  assert.equal(header.typ, "vc+jwt", "typ is vc+jwt");
  if ("cty" in header) assert.equal(header.cty, "vc", "cty, when present, is vc");
  const jwk = await publicJwkAt(header.kid, dereference);
  const { payload } = await compactVerify(jwt, await importJWK(jwk, header.alg));
  const credential = JSON.parse(new TextDecoder().decode(payload)) as CredentialFields;
  assert.equal(
    new URL(header.kid as string).origin,
    new URL(issuerIdOf(credential)).origin,
    "the kid URL is on the issuer's origin",
  );
  await compactVerify(jwt, createLocalJWKSet(jwks));
  return credential;
}
