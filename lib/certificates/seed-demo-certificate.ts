// Gives the demo learner one certificate, so a newcomer can open a verify page straight away.
// It is issued without grading (the seed has no graded work to show), and its evidence says so.
import crypto from "node:crypto";
import { db } from "../db";
import { localize } from "../courses/localize";
import { loadPassRule } from "./load-course-results";
import type { Evidence } from "./credential-schema";
import { issueCertificate } from "./issue-certificate";
import { verifyUrl } from "./urls";

export const DEMO_LEARNER_EMAIL = "learner@gradient.local";
const DEMO_SCORE = 88;

/** Idempotent: returns the existing certificate when there is one; null when the learner or course is missing. */
export async function seedDemoCertificate(
  email: string = DEMO_LEARNER_EMAIL,
): Promise<{ publicId: string; verifyUrl: string } | null> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return null;
  const enrolment = await db.enrolment.findFirst({
    where: { userId: user.id, role: "LEARNER", course: { isPublished: true } },
    orderBy: { createdAt: "asc" },
    select: { courseId: true },
  });
  if (!enrolment) return null;
  const { passRule } = await loadPassRule(enrolment.courseId);
  const assignments = await db.assignment.findMany({
    where: { courseId: enrolment.courseId, isGraded: true },
    orderBy: { position: "asc" },
    select: {
      slug: true,
      title: true,
      versions: { orderBy: { version: "desc" }, take: 1, select: { starterCode: true } },
    },
  });
  const evidence: Evidence[] = assignments.map((assignment) => ({
    type: ["Evidence"],
    name: localize(assignment.title),
    description: "Demonstration record made by the seed: no code was graded. The hash is of the lab's starter code.",
    lab: assignment.slug,
    codeSha256: crypto
      .createHash("sha256")
      .update(assignment.versions[0]?.starterCode ?? "")
      .digest("hex"),
    heldOutSha256: null,
    graderVersion: "demo-seed",
    backend: null,
    seed: null,
    score: null,
    threshold: null,
  }));
  const outcome = await issueCertificate({
    userId: user.id,
    courseId: enrolment.courseId,
    score: Math.max(DEMO_SCORE, passRule.passMarkPercent),
    passMark: passRule.passMarkPercent,
    evidence,
  });
  return outcome.isIssued ? { publicId: outcome.publicId, verifyUrl: outcome.verifyUrl } : null;
}

/** The demo certificate's verify URL, for `npm start` to print; null before the seed made it. */
export async function getDemoCertificateUrl(email: string = DEMO_LEARNER_EMAIL): Promise<string | null> {
  const certificate = await db.certificate.findFirst({
    where: { user: { email } },
    orderBy: { issuedAt: "asc" },
    select: { publicId: true },
  });
  return certificate ? verifyUrl(certificate.publicId) : null;
}
