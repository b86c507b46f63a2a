// The score a learner has for one LMS placement, computed from Postgres when it is sent (never
// carried in a job), so whatever happened meanwhile (a regrade, a revocation, an extension) is what
// the LMS gets. Scores are out of 100 for every kind of placement, the line item's maximum.
import { z } from "zod";
import { MetricSpecSchema } from "../../assignments/spec-schema";
import { loadCourseResults, loadPassRule } from "../../certificates/load-course-results";
import { evaluatePassRule } from "../../certificates/pass-rule";
import { verifyUrl } from "../../certificates/urls";
import { db } from "../../db";
import type { LtiTargetKind } from "../../generated/prisma/enums";
import { CHARGED_ATTEMPT_FILTER, effectiveLimits } from "../../submissions/attempt-policy";
import { formatMetric, metricLabel } from "../../submissions/format";
import { rubricOf } from "../../assignments/rubric";
import { readReviewedLabs } from "../../review/reviewed-results";

/** A score as AGS 2.0 §3.4 carries it, before the learner's id and the timestamp are added. */
export interface ComputedScore {
  scoreGiven: number;
  scoreMaximum: number;
  comment: string;
  activityProgress: "Completed";
  gradingProgress: "FullyGraded";
}

/** What compute needs of a placement (a row of LtiResourceLink). */
export interface ScoredPlacement {
  courseId: string;
  targetKind: LtiTargetKind;
  targetId: string | null;
}

export const SCORE_MAXIMUM = 100;

const SpecMetricSchema = z.object({ metric: MetricSpecSchema });

function score(scoreGiven: number, comment: string): ComputedScore {
  // Rounded to hundredths: the LMS shows a grade, and float noise (66.66666…) would make two equal
  // results look different to the "identical to the last one sent" check.
  const rounded = Math.round(Math.min(SCORE_MAXIMUM, Math.max(0, scoreGiven)) * 100) / 100;
  return {
    scoreGiven: rounded,
    scoreMaximum: SCORE_MAXIMUM,
    comment,
    activityProgress: "Completed",
    gradingProgress: "FullyGraded",
  };
}

/**
 * A lab: 100 when one counted attempt passed, else 0. Counted are graded attempts (passed, or failed
 * through the learner's code; a platform failure or an uncharged host-found failure never counts)
 * submitted by the deadline that applies to the learner, their extension included.
 */
async function labScore(userId: string, assignmentId: string): Promise<ComputedScore | null> {
  const assignment = await db.assignment.findUnique({
    where: { id: assignmentId },
    select: {
      course: { select: { deadline: true } },
      extensions: { where: { userId }, select: { deadline: true, extraAttempts: true } },
      versions: { orderBy: { version: "desc" }, take: 1, select: { spec: true } },
    },
  });
  if (!assignment) return null;
  const rubric = rubricOf(assignment.versions[0]?.spec);
  if (rubric) {
    // A lab with a rubric: the combined score of the latest released review; nothing before a release.
    const reviewed = (await readReviewedLabs(assignmentId, rubric, [userId])).get(userId);
    const latest = reviewed?.latestCombined;
    if (!latest) return null;
    const verdict = reviewed.passed ? "Lab passed" : "Lab not passed yet";
    return score(
      latest.combinedPercent,
      `${verdict}. Combined score of the autograder and the rubric: ${Math.round(latest.combinedPercent * 100) / 100}% (passes at ${rubric.combine.passPercent}%).`,
    );
  }
  const graded = await db.submission.findMany({
    where: { userId, assignmentId, status: { in: ["PASSED", "FAILED"] }, ...CHARGED_ATTEMPT_FILTER },
    orderBy: { createdAt: "desc" },
    select: {
      status: true,
      score: true,
      threshold: true,
      failureCode: true,
      createdAt: true,
      assignmentVersion: { select: { deadline: true, maxAttempts: true, spec: true } },
    },
  });
  const counted = graded.filter((submission) => {
    const { deadline } = effectiveLimits({
      version: submission.assignmentVersion,
      courseDeadline: assignment.course.deadline,
      extension: assignment.extensions[0] ?? null,
    });
    return deadline === null || submission.createdAt.getTime() <= deadline.getTime();
  });
  const latest = counted[0];
  if (!latest) return null;
  const isPassed = counted.some((submission) => submission.status === "PASSED");
  return score(isPassed ? SCORE_MAXIMUM : 0, labComment(latest, isPassed, counted.length));
}

function labComment(
  latest: {
    status: string;
    score: number | null;
    threshold: number | null;
    failureCode: string | null;
    assignmentVersion: { spec: unknown };
  },
  isPassed: boolean,
  count: number,
): string {
  const verdict = isPassed ? "Lab passed" : "Lab not passed yet";
  const metric = SpecMetricSchema.safeParse(latest.assignmentVersion.spec);
  const attempts = `${count} graded attempt${count === 1 ? "" : "s"}`;
  if (!metric.success) return `${verdict} (${attempts}).`;
  const { name } = metric.data.metric;
  const threshold = latest.threshold ?? metric.data.metric.threshold;
  const result =
    latest.score === null
      ? `the code did not produce a model${latest.failureCode ? ` (${latest.failureCode.replace(/_/g, " ")})` : ""}`
      : `${metricLabel(name)} ${formatMetric(name, latest.score)}`;
  return `${verdict} (${attempts}). Latest: ${result}; threshold ${formatMetric(name, threshold)}.`;
}

/** A lesson quiz or the exam: the best percentage of the learner's submitted attempts. */
async function quizScore(userId: string, quizId: string): Promise<ComputedScore | null> {
  const attempts = await db.quizAttempt.findMany({
    where: { userId, quizId, submittedAt: { not: null }, maxScore: { gt: 0 } },
    select: { score: true, maxScore: true },
  });
  const percents = attempts.flatMap((attempt) =>
    attempt.score !== null && attempt.maxScore ? [(attempt.score / attempt.maxScore) * 100] : [],
  );
  if (percents.length === 0) return null;
  const best = Math.max(...percents);
  // No attempt count in the comment: a worse attempt then leaves the post identical, and nothing is re-sent.
  return score(best, `Best submitted attempt: ${Math.round(best * 100) / 100}%.`);
}

/**
 * The course: the pass rule's final score, as the certificate uses it. A revoked (or, while it lasts,
 * suspended) certificate makes it 0 with a comment saying why; reinstating posts the score again.
 */
async function courseScore(userId: string, courseId: string): Promise<ComputedScore | null> {
  const certificate = await db.certificate.findUnique({
    where: { userId_courseId: { userId, courseId } },
    select: { revokedAt: true, suspendedAt: true, publicId: true, isPublic: true },
  });
  if (certificate?.revokedAt) return score(0, "The certificate for this course was revoked.");
  if (certificate?.suspendedAt) return score(0, "The certificate for this course is suspended.");
  const [{ passRule }, results, gradedLabs] = await Promise.all([
    loadPassRule(courseId),
    loadCourseResults(userId, courseId),
    db.submission.count({
      where: {
        userId,
        status: { in: ["PASSED", "FAILED"] },
        assignment: { courseId, isGraded: true },
        ...CHARGED_ATTEMPT_FILTER,
      },
    }),
  ]);
  const hasQuizResult = [...results.lessonQuizzes, ...results.exams].some((quiz) => quiz.bestPercent !== null);
  if (gradedLabs === 0 && !hasQuizResult) return null;
  const eligibility = evaluatePassRule(passRule, results);
  const rounded = Math.round(Math.min(SCORE_MAXIMUM, eligibility.score) * 100) / 100;
  // The LMS gradebook shows the comment: a public certificate's verify page is where anyone checks it.
  const verifyAt = certificate?.isPublic ? ` Certificate: ${verifyUrl(certificate.publicId)}` : "";
  const comment = certificate
    ? `Course completed: final score ${rounded}% (pass mark ${eligibility.passMark}%).${verifyAt}`
    : `Final score so far ${rounded}% (pass mark ${eligibility.passMark}%).`;
  return score(eligibility.score, comment);
}

/** The learner's score for the placement now; null while there is no graded result to post. */
export async function computeScore(placement: ScoredPlacement, userId: string): Promise<ComputedScore | null> {
  switch (placement.targetKind) {
    case "LAB":
      return placement.targetId ? labScore(userId, placement.targetId) : null;
    case "QUIZ":
    case "EXAM":
      return placement.targetId ? quizScore(userId, placement.targetId) : null;
    case "COURSE":
      return courseScore(userId, placement.courseId);
  }
}
