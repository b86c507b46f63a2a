// Test support: one issued certificate checked in every form as strangers check it, against the
// issuer's documents served over HTTP by an IssuerRouteServer whose origin is the PUBLIC_URL it was
// issued under: the official OB 3.0 schema, the `jose` checks of both token forms, our own
// verifier, and @digitalcredentials/verifier-core reading nothing but the issuer's URLs.
import assert from "node:assert/strict";
import type { JSONWebKeySet } from "jose";
import type { IssuerRouteServer } from "./issuer-route-server";
import { checkObJwt, checkVcJoseCose, type Dereference } from "./jose-checks";
import { assertMatchesOfficialSchema } from "./official-schema";
import { requestsElsewhere, verifierCoreStep, verifyWithVerifierCore } from "./verifier-core";

/** Dereferences a URL of the issuer's over HTTP, from the route server, as any client would. */
function dereferenceFrom(issuerServer: IssuerRouteServer): Dereference {
  return async (url) => {
    assert.equal(new URL(url).origin, issuerServer.origin, `${url} is on the issuer's origin`);
    const response = await fetch(url);
    assert.equal(response.status, 200, `GET ${url}`);
    return (await response.json()) as unknown;
  };
}

export interface IssuedForms {
  credential: unknown;
  credentialJwt: string;
  obCredentialJwt: string | null;
}

/**
 * All three forms match the official OB 3.0 schema; both token forms pass the `jose` checks; each of
 * the three verifies as valid with our verifier; verifier-core finds the embedded proof valid and
 * its status not revoked, reading nothing but the issuer's own URLs.
 */
export async function assertVerifiesAsStrangersDo(
  certificate: IssuedForms,
  issuerServer: IssuerRouteServer,
): Promise<void> {
  const dereference = dereferenceFrom(issuerServer);
  const { verifyLocally } = await import("../local-verification");
  const { credential, credentialJwt, obCredentialJwt } = certificate;
  assert.ok(credential && typeof credential === "object", "the certificate carries its embedded-proof form");
  assert.ok(obCredentialJwt, "the certificate carries its OB 3.0 VC-JWT");
  assert.equal((credential as { issuer?: { id?: string } }).issuer?.id, `${issuerServer.origin}/issuer`);
  assertMatchesOfficialSchema(credential, "the certificate (embedded proof)");
  assertMatchesOfficialSchema(credentialJwt, "the certificate (VC-JOSE-COSE)");
  assertMatchesOfficialSchema(obCredentialJwt, "the certificate (OB 3.0 VC-JWT)");
  await checkObJwt(obCredentialJwt, dereference);
  const jwks = (await dereference(`${issuerServer.origin}/.well-known/jwks.json`)) as JSONWebKeySet;
  await checkVcJoseCose(credentialJwt, dereference, jwks);
  for (const form of [JSON.stringify(credential), credentialJwt, obCredentialJwt]) {
    const verdict = await verifyLocally(form);
    assert.equal(verdict.status, "valid", verdict.problems.join("; "));
  }

  const outcome = await verifyWithVerifierCore(credential, issuerServer.origin);
  assert.equal(outcome.result.errors, undefined, JSON.stringify(outcome.result.errors));
  for (const step of ["valid_signature", "revocation_status", "expiration"])
    assert.equal(verifierCoreStep(outcome, step), true, `verifier-core: ${step}`);
  assert.deepEqual(requestsElsewhere(outcome, issuerServer.origin), [], "verifier-core read nothing but our URLs");
  for (const pathname of ["/issuer", "/contexts/gradient/v1", "/status/revocation"])
    assert.ok(issuerServer.requested.includes(pathname), `verifier-core read ${pathname}`);
  assert.ok(issuerServer.requested.some((pathname) => /^\/issuer\/keys\/[\w-]+$/.test(pathname)));
}
