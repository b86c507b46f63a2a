// What released rubric grades make of a learner's labs: the one reading the pass rule, the gradebook
// and the LMS score share, so a lab with a rubric counts the same everywhere. Unreleased grades never
// count: until release the lab is "awaiting review".
import { combineScore, CriterionScoresSchema, type CombinedScore, type RubricSpec } from "../assignments/rubric";
import { db } from "../db";

/** The receipt fields the pass rule's evidence carries (pass-rule.ts LabReceipt, before parsing its runs). */
const RECEIPT_SELECT = {
  codeSha256: true,
  heldOutSha256: true,
  graderVersion: true,
  backend: true,
  seed: true,
  score: true,
  threshold: true,
  certification: true,
} as const;

function queryGraded(assignmentId: string, userIds: readonly string[]) {
  return db.submission.findMany({
    where: { assignmentId, userId: { in: [...userIds] }, status: { in: ["PASSED", "FAILED"] } },
    orderBy: [{ finishedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    select: {
      id: true,
      userId: true,
      status: true,
      ...RECEIPT_SELECT,
      rubricGrade: { select: { scores: true, releasedAt: true } },
    },
  });
}
type GradedRow = Awaited<ReturnType<typeof queryGraded>>[number];
type Receipt = Omit<GradedRow, "id" | "userId" | "status" | "rubricGrade">;

export interface ReviewedLab {
  /** The latest graded attempt whose released grade passes the combined rule; null when none does. */
  passed: { submissionId: string; combined: CombinedScore; receipt: Receipt } | null;
  /** The combined score of the latest attempt with a released grade; null before any release. */
  latestCombined: CombinedScore | null;
  /** An attempt passed the autograder but no released grade passes yet. */
  isAwaitingReview: boolean;
}

/** The learners' reviewed results in one lab with a rubric, by user id. */
export async function readReviewedLabs(
  assignmentId: string,
  rubric: RubricSpec,
  userIds: readonly string[],
): Promise<Map<string, ReviewedLab>> {
  const rows = await queryGraded(assignmentId, userIds);
  const byUser = new Map<string, ReviewedLab>();
  for (const userId of userIds) byUser.set(userId, { passed: null, latestCombined: null, isAwaitingReview: false });
  for (const row of rows) {
    const entry = byUser.get(row.userId);
    if (!entry) continue;
    const isAutograderPassed = row.status === "PASSED";
    const grade = row.rubricGrade?.releasedAt ? row.rubricGrade : null;
    if (!grade) {
      if (isAutograderPassed && !entry.passed) entry.isAwaitingReview = true;
      continue;
    }
    const scores = CriterionScoresSchema.safeParse(grade.scores);
    const combined = combineScore({ rubric, isAutograderPassed, scores: scores.success ? scores.data : {} });
    entry.latestCombined ??= combined;
    if (combined.isPassed && !entry.passed) {
      const { codeSha256, heldOutSha256, graderVersion, backend, seed, score, threshold, certification } = row;
      const receipt = { codeSha256, heldOutSha256, graderVersion, backend, seed, score, threshold, certification };
      entry.passed = { submissionId: row.id, combined, receipt };
    }
  }
  for (const entry of byUser.values()) if (entry.passed) entry.isAwaitingReview = false;
  return byUser;
}
