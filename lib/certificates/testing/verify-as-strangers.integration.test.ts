// The strangers' checks on a certificate issued here (no grading), against the issuer's documents
// served by the route server at PUBLIC_URL: the fixture the demo step's test relies on, proven
// quickly, and an altered certificate refused by verifier-core through it.
import "../test-signing-key";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, test } from "node:test";
import { db } from "../../db";
import { overrideEnvironmentForTest } from "../../env";
import { getActiveSigningKey } from "../active-signing-key";
import { issueCertificate } from "../issue-certificate";
import { startIssuerRouteServer, type IssuerRouteServer } from "./issuer-route-server";
import { verifierCoreStep, verifyWithVerifierCore } from "./verifier-core";
import { assertVerifiesAsStrangersDo } from "./verify-as-strangers";

let issuerServer: IssuerRouteServer;

before(async () => {
  issuerServer = await startIssuerRouteServer();
  overrideEnvironmentForTest({ PUBLIC_URL: issuerServer.origin });
  await getActiveSigningKey();
});

after(async () => {
  await issuerServer?.close();
  await db.$disconnect();
});

async function issueOne() {
  const run = crypto.randomBytes(4).toString("hex");
  const title = { en: "Strangers' Course", "zh-CN": "陌生人课程" };
  const course = await db.course.create({
    data: {
      slug: `strangers-${run}`,
      title,
      summary: title,
      passRule: {
        requiredLabs: [],
        minLessonQuizPercent: 0,
        minExamPercent: 0,
        passMarkPercent: 50,
        weights: { labs: 0, quizzes: 0, exam: 1 },
      },
    },
    select: { id: true },
  });
  const learner = await db.user.create({
    data: { email: `strangers-${run}@example.com`, name: "李 Stranger", passwordHash: "not-used" },
    select: { id: true },
  });
  await db.enrolment.create({ data: { userId: learner.id, courseId: course.id } });
  const outcome = await issueCertificate({
    userId: learner.id,
    courseId: course.id,
    score: 88,
    passMark: 50,
    evidence: [],
  });
  assert.ok(outcome.isIssued);
  return db.certificate.findUniqueOrThrow({
    where: { publicId: outcome.publicId },
    select: { credential: true, credentialJwt: true, obCredentialJwt: true },
  });
}

test("a certificate issued under the route server's origin passes every stranger's check", async () => {
  await assertVerifiesAsStrangersDo(await issueOne(), issuerServer);
});

test("verifier-core, reading from the route server, finds an altered certificate not valid", async () => {
  const { credential } = await issueOne();
  const outcome = await verifyWithVerifierCore(
    { ...(credential as object), name: "Doctorate in Everything" },
    issuerServer.origin,
  );
  assert.deepEqual(
    outcome.result.errors?.map((error) => error.name),
    ["invalid_signature"],
  );
  assert.equal(verifierCoreStep(outcome, "valid_signature"), undefined);
});
