// Credentials carry one credentialStatus object (revocation), as OB 3.0 allows; those issued before
// carry a list of two (revocation and suspension). The verifier reads both shapes, and tells a
// suspension of a one-entry credential only when the issuer's own record is given to it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { PassRule } from "../courses/content-schema";
import { buildCredential, type CredentialInput } from "./build-credential";
import { newPublicId } from "./public-id";
import { generateSigningKeyPem, keyFromPem, type SigningKeyMaterial } from "./signing-key";
import { buildStatusListCredential } from "./status-list";
import { assertMatchesOfficialSchema } from "./testing/official-schema";
import { statusListUrl, type StatusPurpose } from "./urls";
import { signVcJwt } from "./vc-jwt";
import { verifyCredential, type VerificationSources } from "./verify-credential";

const BASE = "https://gradient.example";
const INDEX = 77;

const RULE: PassRule = {
  requiredLabs: [],
  minLessonQuizPercent: 60,
  minExamPercent: 70,
  passMarkPercent: 70,
  weights: { labs: 0, quizzes: 0.4, exam: 0.6 },
};

function input(): CredentialInput {
  return {
    publicId: newPublicId(),
    holderName: "Zoë Example",
    subjectId: "urn:uuid:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed",
    course: { slug: "ml-foundations", title: "Machine Learning Foundations", summary: "A course." },
    passRule: RULE,
    issuedAt: new Date("2026-01-02T03:04:05Z"),
    score: 86.5,
    passMark: 70,
    evidence: [],
    statusListIndex: INDEX,
  };
}

/** A credential as issued before one status entry: a list of the revocation and the suspension entries. */
function earlierCredential() {
  const credential = buildCredential(input(), BASE);
  const suspension = {
    id: `${statusListUrl("suspension", BASE)}#${INDEX}`,
    type: "BitstringStatusListEntry",
    statusPurpose: "suspension",
    statusListIndex: String(INDEX),
    statusListCredential: statusListUrl("suspension", BASE),
  };
  return { ...credential, credentialStatus: [credential.credentialStatus, suspension] };
}

function issuerSources(
  key: SigningKeyMaterial,
  flagged: Partial<Record<StatusPurpose, number[]>>,
  extra: Partial<VerificationSources> = {},
): VerificationSources {
  return {
    resolveKey: async (kid) => (kid === key.kid ? key.publicJwk : null),
    async fetchStatusList(url) {
      const purpose = url.endsWith("/revocation") ? "revocation" : "suspension";
      const setIndices = flagged[purpose] ?? [];
      return signVcJwt(buildStatusListCredential({ purpose, listUrl: url, issuer: BASE, setIndices }), key);
    },
    ...extra,
  };
}

/** The issuer's own record, as Gradient's local verification passes it: suspended positions. */
const suspendedAt = (indices: number[]): Partial<VerificationSources> => ({
  isSuspended: (entry) => indices.includes(Number(entry.statusListIndex)),
});

const newKey = async () => keyFromPem(generateSigningKeyPem());

describe("one status entry", () => {
  test("a new credential carries one revocation entry and matches the official schema strictly", () => {
    const credential = buildCredential(input(), BASE);
    assert.equal(Array.isArray(credential.credentialStatus), false);
    assert.equal(credential.credentialStatus.statusPurpose, "revocation");
    assertMatchesOfficialSchema(credential);
  });

  test("a new credential: revoked from the list; suspended only by the issuer's own record", async () => {
    const key = await newKey();
    const jwt = await signVcJwt(buildCredential(input(), BASE), key);
    const status = async (flagged: Partial<Record<StatusPurpose, number[]>>, extra?: Partial<VerificationSources>) =>
      (await verifyCredential(jwt, issuerSources(key, flagged, extra))).status;
    assert.equal(await status({}), "valid");
    assert.equal(await status({ revocation: [INDEX] }), "revoked");
    // A stranger's verifier does not see a suspension; Gradient's own verification does.
    assert.equal(await status({ suspension: [INDEX] }), "valid");
    assert.equal(await status({}, suspendedAt([INDEX])), "suspended");
    assert.equal(await status({}, suspendedAt([INDEX + 1])), "valid");
    // Revocation outranks suspension.
    assert.equal(await status({ revocation: [INDEX] }, suspendedAt([INDEX])), "revoked");
  });

  test("an earlier credential with a list of two entries still verifies, its suspension read from the list", async () => {
    const key = await newKey();
    const jwt = await signVcJwt(earlierCredential(), key);
    const status = async (flagged: Partial<Record<StatusPurpose, number[]>>, extra?: Partial<VerificationSources>) =>
      (await verifyCredential(jwt, issuerSources(key, flagged, extra))).status;
    assert.equal(await status({}), "valid");
    assert.equal(await status({ revocation: [INDEX] }), "revoked");
    assert.equal(await status({ suspension: [INDEX] }), "suspended");
    // Its own suspension entry speaks for it: the issuer's record is not consulted.
    assert.equal(await status({}, suspendedAt([INDEX])), "valid");
  });
});
