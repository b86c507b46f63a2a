// The issuer's controller document (GET /issuer) lists, for every key ever published, retired ones
// included, its Multikey method (what embedded proofs name) and its JsonWebKey method at the tokens'
// `kid` URL (what VC-JOSE-COSE asks of a token whose issuer is a URL), and a token's kid is one of them.
import "./test-signing-key";
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { decodeProtectedHeader } from "jose";
import { publicUrl } from "../env";
import { db } from "../db";
import { buildCredential } from "./build-credential";
import { getActiveSigningKey } from "./active-signing-key";
import { findIssuerDocument } from "./issuer-documents";
import { listSigningKeys } from "./list-published-keys";
import { rotateSigningKey } from "./rotate-signing-key";
import { issuerId, keyJwkUrl, verificationMethodId } from "./urls";
import { signVcJwt } from "./vc-jwt";

after(() => db.$disconnect());

interface ControllerDocument {
  id: string;
  verificationMethod: { id: string; type: string; controller: string; publicKeyJwk?: Record<string, string> }[];
  assertionMethod: string[];
}

/** What GET /issuer serves. */
async function readControllerDocument(): Promise<ControllerDocument> {
  return (await findIssuerDocument(new URL(issuerId(publicUrl)))) as ControllerDocument;
}

test("the controller document lists a Multikey and a JsonWebKey method for every key, retired keys included", async () => {
  const retired = await getActiveSigningKey();
  const current = await rotateSigningKey();
  const keys = await listSigningKeys();
  assert.ok(keys.some((key) => key.kid === retired.kid) && keys.some((key) => key.kid === current.kid));

  const document = await readControllerDocument();
  const expectedIds = keys.flatMap((key) => [verificationMethodId(key.kid), keyJwkUrl(key.kid)]);
  assert.deepEqual(
    document.verificationMethod.map((method) => method.id),
    expectedIds,
  );
  assert.deepEqual(document.assertionMethod, expectedIds);
  for (const key of keys) {
    const multikey = document.verificationMethod.find((method) => method.id === verificationMethodId(key.kid));
    assert.equal(multikey?.type, "Multikey");
    const jsonWebKey = document.verificationMethod.find((method) => method.id === keyJwkUrl(key.kid));
    assert.equal(jsonWebKey?.type, "JsonWebKey");
    assert.equal(jsonWebKey?.controller, document.id);
    assert.deepEqual(jsonWebKey?.publicKeyJwk, { ...key, kid: keyJwkUrl(key.kid) });
  }
});

test("a token's kid is a JsonWebKey method of the controller document, whose JWK is the signing key", async () => {
  const key = await getActiveSigningKey();
  const credential = buildCredential({
    publicId: "AAAAAAAAAAAAAAAAAAAAAA",
    holderName: "Kid Checker",
    subjectId: "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
    course: { slug: "kid-course", title: "Kid Course", summary: "A course." },
    passRule: {
      requiredLabs: [],
      minLessonQuizPercent: 50,
      minExamPercent: 50,
      passMarkPercent: 60,
      weights: { labs: 0, quizzes: 0.5, exam: 0.5 },
    },
    issuedAt: new Date("2026-01-02T03:04:05Z"),
    score: 80,
    passMark: 60,
    evidence: [],
    statusListIndex: 1,
  });
  const { kid } = decodeProtectedHeader(await signVcJwt(credential, key));
  const document = await readControllerDocument();
  const method = document.verificationMethod.find((candidate) => candidate.id === kid);
  assert.equal(method?.type, "JsonWebKey");
  assert.ok(document.assertionMethod.includes(kid ?? ""));
  assert.equal(method?.publicKeyJwk?.x, key.publicJwk.x);
});
