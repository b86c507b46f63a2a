// Every kind of credential Gradient issues, expanded as JSON-LD in safe mode with the local
// loader: a term no context defines would throw, and every evidence term must come out under
// its IRI, so nothing a verifier's JSON-LD processing sees is dropped.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import jsonld from "jsonld";
import { buildCredential, type CredentialInput } from "./build-credential";
import type { Evidence } from "./credential-schema";
import { signWithDataIntegrity } from "./data-integrity";
import { createDocumentLoader } from "./document-loader";
import { buildIssuerDocument, buildKeyDocument } from "./issuer-documents";
import { GRADIENT_CONTEXT } from "./jsonld-contexts";
import { generateSigningKeyPem, keyFromPem } from "./signing-key";
import { buildStatusListCredential } from "./status-list";
import { credentialInput, CREDENTIAL_KINDS, TEST_ISSUER_BASE as BASE } from "./testing/credential-kinds";
import { issuerId, statusListUrl } from "./urls";

const OUR_TERM = "urn:gradient:v1:";

/** Every kind of credential Gradient issues, built once for the whole file. */
const KINDS: Record<string, CredentialInput> = Object.fromEntries(
  Object.entries(CREDENTIAL_KINDS).map(([kind, overrides]) => [kind, credentialInput(overrides)]),
);

const loader = createDocumentLoader({ origins: [BASE] });

/** Every property IRI anywhere in an expanded document. */
function expandedProperties(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) expandedProperties(item, found);
  else if (node && typeof node === "object")
    for (const [key, value] of Object.entries(node)) {
      if (!key.startsWith("@")) found.add(key);
      expandedProperties(value, found);
    }
  return found;
}

/** The evidence terms a credential uses with a value (JSON-LD reads null as "no value"). */
function evidenceTermsUsed(evidence: Evidence[]): Set<string> {
  const terms = new Set<string>();
  const visit = (item: object) => {
    for (const [key, value] of Object.entries(item) as [string, unknown][]) {
      if (value === null || !(key in ourTerms) || key === "id" || key === "type") continue;
      terms.add(key);
      if (Array.isArray(value)) {
        for (const entry of value as unknown[]) if (entry && typeof entry === "object") visit(entry);
      } else if (typeof value === "object") visit(value);
    }
  };
  for (const item of evidence) visit(item);
  return terms;
}

const ourTerms = (GRADIENT_CONTEXT as { "@context": Record<string, unknown> })["@context"];

describe("JSON-LD expansion in safe mode drops nothing", () => {
  for (const [kind, input] of Object.entries(KINDS)) {
    test(`a signed credential with ${kind}`, async () => {
      const key = await keyFromPem(generateSigningKeyPem());
      const signed = await signWithDataIntegrity(buildCredential(input, BASE), key, BASE);
      const expanded = await jsonld.expand(signed, { documentLoader: loader, safe: true });
      const properties = expandedProperties(expanded);
      for (const term of evidenceTermsUsed(input.evidence))
        assert.ok(properties.has(`${OUR_TERM}${term}`), `${term} is missing from the expanded credential`);
      assert.ok(properties.has("https://w3id.org/security#proof"), "the proof is kept");
      assert.ok(properties.has("https://schema.org/name"));
    });
  }

  test("every term of our context is one the multi-seed credential uses", () => {
    const defined = Object.keys(ourTerms).filter((term) => !term.startsWith("@") && /^[a-z]/.test(term));
    const used = evidenceTermsUsed(KINDS["multi-seed evidence"]!.evidence);
    assert.deepEqual(
      defined.filter((term) => !used.has(term) && term !== "id" && term !== "type"),
      [],
    );
  });

  test("a signed status list, the issuer's controller document and a key document", async () => {
    const key = await keyFromPem(generateSigningKeyPem());
    const listUrl = statusListUrl("revocation", BASE);
    const list = buildStatusListCredential({ purpose: "revocation", listUrl, issuer: issuerId(BASE), setIndices: [3] });
    const expectations: [object, string][] = [
      [await signWithDataIntegrity(list, key, BASE), "https://w3id.org/security#proof"],
      [await buildIssuerDocument([key.publicJwk], BASE), "https://w3id.org/security#assertionMethod"],
      [await buildIssuerDocument([key.publicJwk], BASE), "https://w3id.org/security#publicKeyMultibase"],
      [await buildIssuerDocument([key.publicJwk], BASE), "https://w3id.org/security#publicKeyJwk"],
      [await buildKeyDocument(key.publicJwk, BASE), "https://w3id.org/security#publicKeyMultibase"],
    ];
    for (const [document, property] of expectations) {
      const expanded = await jsonld.expand(document, { documentLoader: loader, safe: true });
      assert.ok(expandedProperties(expanded).has(property), `${property} is missing`);
    }
  });

  test("an undefined term makes safe-mode expansion throw, so the checks above can fail", async () => {
    const credential = { ...buildCredential(KINDS["single-run evidence"]!, BASE), undefinedTerm: "x" };
    await assert.rejects(jsonld.expand(credential, { documentLoader: loader, safe: true }));
  });
});
