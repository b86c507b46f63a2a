// Issues a course certificate once per learner and course. Two gradings finishing together both
// call in here; a transaction-scoped advisory lock on (learner, course) lets one issue while the
// other waits and then finds the certificate, and the unique (userId, courseId) backs it up.
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { recordLtiScoreJob } from "../queue/lti-score-outbox";
import { recordAudit } from "../audit/record-audit";
import { getActiveSigningKey } from "./active-signing-key";
import { buildCredential, wholeSeconds } from "./build-credential";
import type { Evidence } from "./credential-schema";
import { signWithDataIntegrity } from "./data-integrity";
import { loadCourseResults, loadPassRule } from "./load-course-results";
import { signObJwt } from "./ob-jwt";
import { evaluatePassRule } from "./pass-rule";
import { isUniqueViolation } from "./prisma-errors";
import { newPublicId } from "./public-id";
import { drawStatusListIndex } from "./status-list";
import { verifyUrl } from "./urls";
import { signVcJwt } from "./vc-jwt";

export type IssueOutcome =
  { isIssued: true; isNew: boolean; publicId: string; verifyUrl: string } | { isIssued: false; reasons: string[] };

export interface IssueCertificateOptions {
  userId: string;
  courseId: string;
  score: number;
  passMark: number;
  evidence: Evidence[];
}

async function findIssued(userId: string, courseId: string): Promise<IssueOutcome | null> {
  const existing = await db.certificate.findUnique({
    where: { userId_courseId: { userId, courseId } },
    select: { publicId: true },
  });
  return existing
    ? { isIssued: true, isNew: false, publicId: existing.publicId, verifyUrl: verifyUrl(existing.publicId) }
    : null;
}

/**
 * Call after every graded submission and every submitted quiz attempt. Evaluates the course's pass
 * rule over the stored results and issues the certificate when it is met; a no-op once issued.
 */
export async function issueCertificateIfEligible(userId: string, courseId: string): Promise<IssueOutcome> {
  const issued = await findIssued(userId, courseId);
  if (issued) return issued;
  const enrolment = await db.enrolment.findUnique({
    where: { userId_courseId: { userId, courseId } },
    select: { role: true },
  });
  if (enrolment?.role !== "LEARNER") return { isIssued: false, reasons: ["not enrolled in the course as a learner"] };
  const { passRule } = await loadPassRule(courseId);
  const eligibility = evaluatePassRule(passRule, await loadCourseResults(userId, courseId));
  if (!eligibility.isEligible) return { isIssued: false, reasons: eligibility.reasons };
  return issueCertificate({
    userId,
    courseId,
    score: eligibility.score,
    passMark: eligibility.passMark,
    evidence: eligibility.evidence,
  });
}

/** Signs and stores the certificate for results already judged to pass; idempotent. */
export async function issueCertificate(options: IssueCertificateOptions): Promise<IssueOutcome> {
  // A clash on a random status-list position (rare, and only with another learner) is retried afresh.
  for (let attempt = 1; ; attempt++) {
    try {
      return await issueOnce(options);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

async function issueOnce({
  userId,
  courseId,
  score,
  passMark,
  evidence,
}: IssueCertificateOptions): Promise<IssueOutcome> {
  const course = await loadPassRule(courseId);
  const key = await getActiveSigningKey();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`certificate:${userId}:${courseId}`}, 0))`;
    const existing = await tx.certificate.findUnique({
      where: { userId_courseId: { userId, courseId } },
      select: { publicId: true },
    });
    if (existing)
      return { isIssued: true, isNew: false, publicId: existing.publicId, verifyUrl: verifyUrl(existing.publicId) };

    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { name: true, credentialSubjectId: true },
    });
    const publicId = newPublicId();
    const statusListIndex = await drawFreeIndex(tx);
    const issuedAt = wholeSeconds(new Date());
    const credential = buildCredential({
      publicId,
      holderName: user.name,
      subjectId: user.credentialSubjectId,
      course: { slug: course.slug, title: course.title, summary: course.summary },
      passRule: course.passRule,
      issuedAt,
      score,
      passMark,
      evidence,
      statusListIndex,
    });
    const credentialJwt = await signVcJwt(credential, key);
    const signedCredential = await signWithDataIntegrity(credential, key);
    const obCredentialJwt = await signObJwt(credential, key);
    const certificate = await tx.certificate.create({
      data: {
        publicId,
        userId,
        courseId,
        holderName: user.name,
        issuedAt,
        score,
        passMark,
        statusListIndex,
        credentialJwt,
        // Built from strings, numbers and arrays only; its evidence type is loose, not its content.
        credential: signedCredential as Prisma.InputJsonObject,
        obCredentialJwt,
        signingKeyId: key.signingKeyId,
      },
      select: { id: true },
    });
    await recordAudit({
      tx,
      actorId: null,
      action: "certificate.issue",
      targetType: "certificate",
      targetId: certificate.id,
      courseId,
      details: { publicId, userId, score, passMark, kid: key.kid },
    });
    // The LMS's course score says the course is completed; the issuer's relay enqueues it.
    await recordLtiScoreJob(tx, { userId, courseId });
    return { isIssued: true, isNew: true, publicId, verifyUrl: verifyUrl(publicId) };
  });
}

async function drawFreeIndex(tx: Prisma.TransactionClient): Promise<number> {
  for (let draw = 0; draw < 1000; draw++) {
    const index = drawStatusListIndex();
    if (!(await tx.certificate.findUnique({ where: { statusListIndex: index }, select: { id: true } }))) return index;
  }
  throw new Error("The status list is nearly full: it needs a second list before more certificates can be issued.");
}
