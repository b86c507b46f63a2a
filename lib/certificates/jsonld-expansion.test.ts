// Every kind of credential Gradient issues, expanded as JSON-LD in safe mode with the local
// loader: a term no context defines would throw, and every evidence term must come out under
// its IRI, so nothing a verifier's JSON-LD processing sees is dropped.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import jsonld from "jsonld";
import type { PassRule } from "../courses/content-schema";
import { buildCredential, type CredentialInput } from "./build-credential";
import type { Evidence } from "./credential-schema";
import { signWithDataIntegrity } from "./data-integrity";
import { createDocumentLoader } from "./document-loader";
import { buildIssuerDocument, buildKeyDocument } from "./issuer-documents";
import { GRADIENT_CONTEXT } from "./jsonld-contexts";
import { generateSigningKeyPem, keyFromPem } from "./signing-key";
import { buildStatusListCredential } from "./status-list";
import { issuerId, statusListUrl } from "./urls";

const BASE = "https://gradient.example";
const OUR_TERM = "urn:gradient:v1:";

const RULE: PassRule = {
  requiredLabs: ["lab-a"],
  minLessonQuizPercent: 60,
  minExamPercent: 70,
  passMarkPercent: 70,
  weights: { labs: 0.5, quizzes: 0.2, exam: 0.3 },
};

const ONE_SEED: Evidence = {
  type: ["Evidence"],
  name: "Lab A",
  description: "Held-out accuracy of the submitted model.",
  lab: "lab-a",
  codeSha256: "a".repeat(64),
  heldOutSha256: "b".repeat(64),
  graderVersion: "1.0.0",
  backend: "wasm",
  seed: 42,
  score: 0.95,
  threshold: 0.9,
};

const MULTI_SEED: Evidence = {
  ...ONE_SEED,
  name: "Lab B",
  lab: "lab-b",
  heldOutSha256: null,
  rule: "mean",
  runs: [
    { run: 1, seed: 7, score: 0.93 },
    { run: 2, seed: 8, score: 0.97 },
    { run: 3, seed: 9, score: 1 },
  ],
  mean: 0.9666666666666667,
  standardDeviation: 0.035118845842842,
  interval: { low: 0.879, high: 1.054 },
};

function input(overrides: Partial<CredentialInput>): CredentialInput {
  return {
    publicId: "AAAAAAAAAAAAAAAAAAAAAA",
    holderName: "Zoë Example",
    subjectId: "urn:uuid:3f1c9a52-8d4e-4b7a-9e21-6c0d5b8a7f34",
    course: { slug: "ml-foundations", title: "Machine Learning Foundations", summary: "A course." },
    passRule: RULE,
    issuedAt: new Date("2026-01-02T03:04:05Z"),
    score: 86.5,
    passMark: 70,
    evidence: [ONE_SEED],
    statusListIndex: 1234,
    ...overrides,
  };
}

const KINDS: Record<string, CredentialInput> = {
  "one-seed evidence": input({}),
  "multi-seed evidence": input({ evidence: [ONE_SEED, MULTI_SEED] }),
  "a Chinese name and course title": input({
    holderName: "王小明",
    course: { slug: "ml-zh", title: "机器学习基础", summary: "一门课程。" },
  }),
  "no evidence": input({ evidence: [] }),
};

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
  for (const [kind, credentialInput] of Object.entries(KINDS)) {
    test(`a signed credential with ${kind}`, async () => {
      const key = await keyFromPem(generateSigningKeyPem());
      const signed = await signWithDataIntegrity(buildCredential(credentialInput, BASE), key, BASE);
      const expanded = await jsonld.expand(signed, { documentLoader: loader, safe: true });
      const properties = expandedProperties(expanded);
      for (const term of evidenceTermsUsed(credentialInput.evidence))
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
    const credential = { ...buildCredential(KINDS["one-seed evidence"]!, BASE), undefinedTerm: "x" };
    await assert.rejects(jsonld.expand(credential, { documentLoader: loader, safe: true }));
  });
});
