import "./test-signing-key";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, test } from "node:test";
import { decodeJwt } from "jose";
import type { CurrentUser } from "../auth";
import { db } from "../db";
import { ForbiddenError, NotFoundError } from "../errors";
import type { PassRule } from "../courses/content-schema";
import { getActiveSigningKey } from "./active-signing-key";
import { changeCertificateStatus } from "./change-certificate-status";
import { getCertificateView } from "./get-certificate-view";
import { getCertificatePdf } from "./get-certificate-pdf";
import { getCredentialForDownload } from "./get-credential-for-download";
import { getStatusList } from "./get-status-list";
import { issueCertificateIfEligible } from "./issue-certificate";
import { listPublishedKeys } from "./list-published-keys";
import { verifyLocally } from "./local-verification";
import { rotateSigningKey } from "./rotate-signing-key";
import { setCertificateVisibility } from "./set-certificate-visibility";
import { decodeStatusList, isStatusBitSet } from "./status-list";
import { assertIssuedMatchesOfficialSchema } from "./testing/issued-credentials";

after(() => db.$disconnect());

const RULE: PassRule = {
  requiredLabs: ["lab-a"],
  minLessonQuizPercent: 50,
  minExamPercent: 50,
  passMarkPercent: 60,
  weights: { labs: 0.5, quizzes: 0.2, exam: 0.3 },
};
const run = crypto.randomBytes(4).toString("hex");
let sequence = 0;

async function makeUser(role: CurrentUser["role"] = "LEARNER", name = "Tess Tester"): Promise<CurrentUser> {
  const email = `cert-${run}-${++sequence}@example.com`;
  return db.user.create({
    data: { email, name, role, passwordHash: "not-used" },
    select: { id: true, email: true, name: true, role: true },
  });
}

/** A course with one lab, one lesson quiz and an exam, and a learner who passed all three. */
async function makePassedLearner() {
  const slug = `cert-course-${run}-${++sequence}`;
  const title = { en: "Test Course", "zh-CN": "测试课程" };
  const course = await db.course.create({
    data: { slug, title, summary: title, passRule: RULE },
    select: { id: true },
  });
  const assignment = await db.assignment.create({
    data: { courseId: course.id, slug: "lab-a", title: { en: "Lab A", "zh-CN": "实验 A" } },
  });
  const version = await db.assignmentVersion.create({
    data: {
      assignmentId: assignment.id,
      version: 1,
      spec: {},
      specSha256: "s".repeat(64),
      brief: title,
      starterCode: "",
    },
  });
  const quiz = await db.quiz.create({ data: { courseId: course.id, slug: "lesson-1", kind: "LESSON", title } });
  const exam = await db.quiz.create({ data: { courseId: course.id, slug: "final-exam", kind: "EXAM", title } });
  const learner = await makeUser();
  await db.enrolment.create({ data: { userId: learner.id, courseId: course.id } });
  await db.submission.create({
    data: {
      userId: learner.id,
      assignmentId: assignment.id,
      assignmentVersionId: version.id,
      attemptNumber: 1,
      status: "PASSED",
      code: "model()",
      codeSha256: "c".repeat(64),
      specSha256: "s".repeat(64),
      heldOutSha256: "h".repeat(64),
      graderVersion: "test-1",
      backend: "cpu",
      seed: 11,
      score: 0.97,
      threshold: 0.9,
      finishedAt: new Date(),
    },
  });
  const submittedAt = new Date();
  await db.quizAttempt.create({
    data: { quizId: quiz.id, userId: learner.id, questionIds: [], score: 4, maxScore: 5, isPassed: true, submittedAt },
  });
  const examAttempt = await db.quizAttempt.create({
    data: { quizId: exam.id, userId: learner.id, questionIds: [], score: 9, maxScore: 10, isPassed: true, submittedAt },
  });
  return { courseId: course.id, learner, examAttemptId: examAttempt.id };
}

async function issue() {
  const { courseId, learner } = await makePassedLearner();
  const outcome = await issueCertificateIfEligible(learner.id, courseId);
  assert.ok(outcome.isIssued, JSON.stringify(outcome));
  await assertIssuedMatchesOfficialSchema(outcome.publicId);
  return { courseId, learner, publicId: outcome.publicId };
}

before(async () => {
  await getActiveSigningKey();
});

describe("issuance", () => {
  test("two gradings finishing at once issue exactly one certificate, audited once", async () => {
    const { courseId, learner } = await makePassedLearner();
    const outcomes = await Promise.all([
      issueCertificateIfEligible(learner.id, courseId),
      issueCertificateIfEligible(learner.id, courseId),
    ]);
    assert.ok(outcomes.every((outcome) => outcome.isIssued));
    const publicIds = new Set(outcomes.map((outcome) => (outcome.isIssued ? outcome.publicId : "")));
    assert.equal(publicIds.size, 1);
    assert.equal(outcomes.filter((outcome) => outcome.isIssued && outcome.isNew).length, 1);
    assert.equal(await db.certificate.count({ where: { userId: learner.id, courseId } }), 1);
    const certificate = await db.certificate.findFirstOrThrow({ where: { userId: learner.id, courseId } });
    assert.equal(await db.auditLog.count({ where: { action: "certificate.issue", targetId: certificate.id } }), 1);
    // The score comes from stored results: lab 100, quiz 80, exam 90.
    assert.ok(Math.abs(certificate.score - (50 + 16 + 27)) < 1e-9);
    const again = await issueCertificateIfEligible(learner.id, courseId);
    assert.ok(again.isIssued && !again.isNew && again.publicId === certificate.publicId);
  });

  test("no certificate while the pass rule is not met", async () => {
    const { courseId, learner, examAttemptId } = await makePassedLearner();
    await db.quizAttempt.update({ where: { id: examAttemptId }, data: { score: 3 } });
    const outcome = await issueCertificateIfEligible(learner.id, courseId);
    assert.equal(outcome.isIssued, false);
    assert.match(outcome.isIssued ? "" : outcome.reasons.join(), /exam final-exam is below 50%/);
    assert.equal(await db.certificate.count({ where: { userId: learner.id } }), 0);
  });

  test("the stored credential verifies, carries the evidence, and its id has 128+ bits", async () => {
    const { publicId } = await issue();
    assert.ok(Buffer.from(publicId, "base64url").length >= 16);
    const view = await getCertificateView(publicId, null);
    assert.equal(view?.status, "valid", view?.problems.join("; "));
    assert.equal(view?.details?.holderName, "Tess Tester");
    assert.deepEqual(
      view?.details?.evidence.map((item) => [
        item.lab,
        item.codeSha256,
        item.heldOutSha256,
        item.graderVersion,
        item.backend,
        item.seed,
      ]),
      [["lab-a", "c".repeat(64), "h".repeat(64), "test-1", "cpu", 11]],
    );
  });

  test("a tampered stored credential is reported as not genuine", async () => {
    const { publicId } = await issue();
    const row = await db.certificate.findUniqueOrThrow({ where: { publicId } });
    const [header, payload, signature] = row.credentialJwt.split(".");
    const altered = Buffer.from(
      Buffer.from(payload!, "base64url").toString().replace("Tess Tester", "Mallory"),
    ).toString("base64url");
    await db.certificate.update({ where: { publicId }, data: { credentialJwt: `${header}.${altered}.${signature}` } });
    const view = await getCertificateView(publicId, null);
    assert.equal(view?.status, "not_genuine");
    assert.equal(view?.details, null);
  });
});

describe("revocation and suspension", () => {
  test("an instructor of the course revokes with a reason; the status list and the audit log say so", async () => {
    const { courseId, learner, publicId } = await issue();
    const instructor = await makeUser("INSTRUCTOR");
    await db.enrolment.create({ data: { userId: instructor.id, courseId, role: "INSTRUCTOR" } });
    const otherInstructor = await makeUser("INSTRUCTOR");
    const input = { publicId, action: "revoke", reason: "Plagiarised lab" };
    await assert.rejects(changeCertificateStatus({ actor: learner, input }), ForbiddenError);
    await assert.rejects(changeCertificateStatus({ actor: otherInstructor, input }), ForbiddenError);
    await changeCertificateStatus({ actor: instructor, input });

    const row = await db.certificate.findUniqueOrThrow({ where: { publicId } });
    const list = decodeJwt(await getStatusList("revocation", "jwt")) as { credentialSubject: { encodedList: string } };
    assert.equal(isStatusBitSet(decodeStatusList(list.credentialSubject.encodedList), row.statusListIndex), true);
    assert.equal((await verifyLocally(row.credentialJwt)).status, "revoked");
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "certificate.revoke", targetId: row.id } });
    assert.equal(audit.actorId, instructor.id);
    assert.deepEqual(audit.details, { publicId, reason: "Plagiarised lab" });
  });

  test("an admin suspends and reinstates", async () => {
    const { publicId } = await issue();
    const admin = await makeUser("ADMIN");
    await changeCertificateStatus({ actor: admin, input: { publicId, action: "suspend", reason: "Under review" } });
    assert.equal((await getCertificateView(publicId, null))?.status, "suspended");
    await changeCertificateStatus({ actor: admin, input: { publicId, action: "reinstate", reason: "Review cleared" } });
    assert.equal((await getCertificateView(publicId, null))?.status, "valid");
  });
});

describe("verdicts kept in memory", () => {
  test("a revocation made anywhere shows on the very next check, though the certificate was just verified", async () => {
    const { publicId } = await issue();
    const row = await db.certificate.findUniqueOrThrow({ where: { publicId } });
    assert.equal((await verifyLocally(row.credentialJwt)).status, "valid");
    assert.equal((await getCertificateView(publicId, null))?.status, "valid");
    // Written straight to the table, as another web server would: nothing in this process is told.
    await db.certificate.update({
      where: { publicId },
      data: { revokedAt: new Date(), revocationReason: "Another server revoked it" },
    });
    assert.equal((await verifyLocally(row.credentialJwt)).status, "revoked");
    assert.equal((await getCertificateView(publicId, null))?.status, "revoked");
  });

  test("suspend, reinstate and suspend again: every check right after a change sees it", async () => {
    const { publicId } = await issue();
    const admin = await makeUser("ADMIN");
    const statuses: (string | undefined)[] = [(await getCertificateView(publicId, null))?.status];
    for (const action of ["suspend", "reinstate", "suspend"]) {
      await changeCertificateStatus({ actor: admin, input: { publicId, action, reason: "Review step" } });
      statuses.push((await getCertificateView(publicId, null))?.status);
    }
    assert.deepEqual(statuses, ["valid", "suspended", "valid", "suspended"]);
  });

  test("another certificate's revocation leaves this one valid", async () => {
    const { publicId } = await issue();
    const { publicId: other } = await issue();
    assert.equal((await getCertificateView(publicId, null))?.status, "valid");
    await db.certificate.update({
      where: { publicId: other },
      data: { revokedAt: new Date(), revocationReason: "Only the other one" },
    });
    assert.equal((await getCertificateView(publicId, null))?.status, "valid");
    assert.equal((await getCertificateView(other, null))?.status, "revoked");
  });
});

test("a private certificate says only that it is valid, to everyone but its holder and managers", async () => {
  const { learner, publicId } = await issue();
  const stranger = await makeUser();
  await assert.rejects(
    setCertificateVisibility({ actor: stranger, input: { publicId, isPublic: "false" } }),
    NotFoundError,
  );
  await setCertificateVisibility({ actor: learner, input: { publicId, isPublic: "false" } });

  for (const viewer of [null, stranger]) {
    const view = await getCertificateView(publicId, viewer);
    assert.equal(view?.status, "valid");
    assert.equal(view?.details, null);
    await assert.rejects(getCredentialForDownload(publicId, viewer), NotFoundError);
    await assert.rejects(getCertificatePdf(publicId, viewer), NotFoundError);
  }
  assert.equal((await getCertificateView(publicId, learner))?.details?.holderName, "Tess Tester");
  const pdf = await getCertificatePdf(publicId, learner);
  assert.equal(Buffer.from(pdf.subarray(0, 5)).toString(), "%PDF-");
});

test("rotation: a new key signs, the old one stays published and its certificates still verify", async () => {
  const { publicId: before } = await issue();
  const oldKey = await getActiveSigningKey();
  const newKey = await rotateSigningKey();
  assert.notEqual(newKey.kid, oldKey.kid);
  const keys = await db.signingKey.findMany({ where: { kid: { in: [oldKey.kid, newKey.kid] } } });
  assert.ok(keys.find((key) => key.kid === oldKey.kid)?.retiredAt);
  assert.equal(keys.find((key) => key.kid === newKey.kid)?.retiredAt, null);
  const published = (await listPublishedKeys()).keys.map((key) => key.kid);
  assert.ok(published.includes(oldKey.kid) && published.includes(newKey.kid));

  assert.equal((await getCertificateView(before, null))?.status, "valid");
  const { publicId: after } = await issue();
  const row = await db.certificate.findUniqueOrThrow({
    where: { publicId: after },
    select: { signingKeyId: true, credentialJwt: true },
  });
  assert.equal(row.signingKeyId, newKey.signingKeyId);
  assert.equal((await verifyLocally(row.credentialJwt)).kid, newKey.kid);
});
