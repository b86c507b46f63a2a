import { combineScore, CriterionScoresSchema } from "../assignments/rubric";
import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import { getSubmissionDetail } from "../instructor/get-submission-detail";
import type { Viewer } from "../instructor/course-access";
import { readGradingQueue } from "./grading-queue";
import { requireReviewableSubmission } from "./review-access";

/**
 * Everything the focused grading view shows of one submission: the instructor's submission detail (code, receipt,
 * curves), the lab's rubric, the grade so far, the line comments, open regrade requests, and the learners before and
 * after it in the lab's grading queue.
 */
export async function getGradingView({
  viewer,
  courseSlug,
  submissionId,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  submissionId: string;
  locale?: Locale;
}) {
  const { submission: found, assignment, rubric } = await requireReviewableSubmission(viewer, courseSlug, submissionId);
  const [detail, grade, comments, requests, queue] = await Promise.all([
    getSubmissionDetail({ viewer, courseSlug, submissionId: found.id, locale }),
    db.rubricGrade.findUnique({
      where: { submissionId: found.id },
      select: { scores: true, releasedAt: true, updatedAt: true },
    }),
    db.reviewComment.findMany({
      where: { submissionId: found.id },
      orderBy: [{ line: "asc" }, { createdAt: "asc" }],
      select: { id: true, line: true, body: true, authorId: true, updatedAt: true },
    }),
    db.regradeRequest.findMany({
      where: { submissionId: found.id, status: "OPEN" },
      orderBy: { createdAt: "asc" },
      select: { id: true, criterionKey: true, reason: true, createdAt: true },
    }),
    readGradingQueue(assignment.id),
  ]);
  const scores = CriterionScoresSchema.safeParse(grade?.scores ?? {});
  const parsedScores = scores.success ? scores.data : {};
  const index = queue.findIndex((entry) => entry.submissionId === found.id);
  return {
    ...detail,
    rubric,
    grade: grade
      ? {
          scores: parsedScores,
          releasedAt: grade.releasedAt,
          updatedAt: grade.updatedAt,
          combined: rubric
            ? combineScore({ rubric, isAutograderPassed: found.status === "PASSED", scores: parsedScores })
            : null,
        }
      : null,
    comments,
    openRequests: requests,
    previousId: index > 0 ? (queue[index - 1]?.submissionId ?? null) : null,
    nextId: index >= 0 ? (queue[index + 1]?.submissionId ?? null) : null,
    position: index >= 0 ? { index: index + 1, total: queue.length } : null,
  };
}
export type GradingView = Awaited<ReturnType<typeof getGradingView>>;
