import "./test-signing-key";
// Issued certificates carry an embedded eddsa-rdfc-2022 proof beside their JWT, in Postgres, and the
// platform verifies it from the database alone: issuer and keys from the SigningKey table, status
// lists signed on the spot.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, describe, test } from "node:test";
import { decodeJwt } from "jose";
import { db } from "../db";
import type { PassRule } from "../courses/content-schema";
import { getActiveSigningKey } from "./active-signing-key";
import { embeddedProofOf } from "./data-integrity";
import { getCertificateView } from "./get-certificate-view";
import { getStatusList } from "./get-status-list";
import { findIssuerDocument } from "./issuer-documents";
import { issueCertificate } from "./issue-certificate";
import { verifyLocally } from "./local-verification";
import { issuerId, verificationMethodId } from "./urls";

after(() => db.$disconnect());

const RULE: PassRule = {
  requiredLabs: [],
  minLessonQuizPercent: 50,
  minExamPercent: 50,
  passMarkPercent: 60,
  weights: { labs: 0.5, quizzes: 0.2, exam: 0.3 },
};
const run = crypto.randomBytes(4).toString("hex");

/** A certificate issued through issueCertificate to a new learner with a Chinese name. */
async function issued(): Promise<{ publicId: string; credential: Record<string, unknown>; credentialJwt: string }> {
  const unique = `${run}-${crypto.randomBytes(3).toString("hex")}`;
  const course = await db.course.create({
    data: {
      slug: `proof-course-${unique}`,
      title: { en: "Proof Course", "zh-CN": "证明课程" },
      summary: { en: "A course.", "zh-CN": "一门课程。" },
      passRule: RULE,
    },
    select: { id: true },
  });
  const user = await db.user.create({
    data: { email: `proof-${unique}@example.com`, name: "陈静", passwordHash: "not-used" },
    select: { id: true },
  });
  const outcome = await issueCertificate({
    userId: user.id,
    courseId: course.id,
    score: 80,
    passMark: 60,
    evidence: [],
  });
  assert.ok(outcome.isIssued);
  const row = await db.certificate.findUniqueOrThrow({
    where: { publicId: outcome.publicId },
    select: { credential: true, credentialJwt: true },
  });
  assert.ok(row.credential && typeof row.credential === "object" && !Array.isArray(row.credential));
  return { publicId: outcome.publicId, credential: row.credential, credentialJwt: row.credentialJwt };
}

describe("embedded proofs", () => {
  test("a certificate is stored with its embedded proof, the same credential as its JWT", async () => {
    const { credential, credentialJwt } = await issued();
    const { proof, ...unsigned } = credential;
    const key = await getActiveSigningKey();
    assert.ok(Array.isArray(proof), "a proof set, as OB 3.0's schema gives it");
    assert.deepEqual(embeddedProofOf(credential)?.verificationMethod, verificationMethodId(key.kid));
    assert.deepEqual(unsigned, decodeJwt(credentialJwt));
    assert.equal((credential.issuer as { id: string }).id, issuerId());
    const verdict = await verifyLocally(JSON.stringify(credential));
    assert.equal(verdict.status, "valid", verdict.problems.join("; "));
    assert.equal(verdict.kid, key.kid);
    assert.equal(verdict.summary?.holderName, "陈静");
  });

  test("the issuer's controller document lists the signing key as an assertion method", async () => {
    await issued();
    const key = await getActiveSigningKey();
    const document = (await findIssuerDocument(new URL(issuerId()))) as { assertionMethod: string[] };
    assert.ok(document.assertionMethod.includes(verificationMethodId(key.kid)));
    assert.equal(await findIssuerDocument(new URL(verificationMethodId("x".repeat(43)))), null);
  });

  test("a tampered stored credential is reported as not genuine, though its JWT is intact", async () => {
    const { publicId, credential } = await issued();
    const altered = JSON.parse(JSON.stringify(credential).replace("陈静", "Mallory")) as object;
    await db.certificate.update({ where: { publicId }, data: { credential: altered } });
    const view = await getCertificateView(publicId, null);
    assert.equal(view?.status, "not_genuine");
    assert.equal(view?.details, null);
  });

  test("a revoked certificate reads as revoked from the signed status list", async () => {
    const { publicId, credential } = await issued();
    await db.certificate.update({ where: { publicId }, data: { revokedAt: new Date(), revocationReason: "test" } });
    assert.equal((await verifyLocally(JSON.stringify(credential))).status, "revoked");
    const list: unknown = JSON.parse(await getStatusList("revocation", "embedded-proof"));
    assert.equal(embeddedProofOf(list)?.cryptosuite, "eddsa-rdfc-2022");
  });
});
