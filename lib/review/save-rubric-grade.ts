import { CriterionScoresSchema } from "../assignments/rubric";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { ConflictError, ValidationError, type FieldErrors } from "../errors";
import type { Viewer } from "../instructor/course-access";
import { parseInput } from "../validation";
import { enqueueReleaseJobs, recordReleaseJobs } from "./release-effects";
import { requireReviewableSubmission } from "./review-access";
import { SaveRubricGradeInputSchema } from "./schemas";

export const GRADE_SAVE_ACTION = "review.grade.save";

/**
 * Saves an instructor's rubric grade of a finished submission as a draft (or, when it was released already, changes
 * the released grade, which sets the certificate check and the LMS score off again).
 */
export async function saveRubricGrade({
  viewer,
  courseSlug,
  submissionId,
  input,
}: {
  viewer: Viewer;
  courseSlug: string;
  submissionId: unknown;
  input: unknown;
}) {
  const { course, submission, rubric } = await requireReviewableSubmission(viewer, courseSlug, submissionId);
  if (!rubric) throw new ConflictError("This lab has no rubric.");
  if (submission.status !== "PASSED" && submission.status !== "FAILED")
    throw new ConflictError("Only a graded attempt can be reviewed.");
  const { scores } = parseInput(SaveRubricGradeInputSchema, input);
  const fieldErrors: FieldErrors = {};
  for (const criterion of rubric.criteria) {
    const score = scores[criterion.key];
    if (!score) fieldErrors[`scores.${criterion.key}.points`] = ["enter a number"];
    else if (score.points > criterion.points)
      fieldErrors[`scores.${criterion.key}.points`] = [`at most ${criterion.points} points`];
  }
  for (const key of Object.keys(scores))
    if (!rubric.criteria.some((criterion) => criterion.key === key))
      fieldErrors[`scores.${key}`] = ["no such criterion"];
  if (Object.keys(fieldErrors).length > 0)
    throw new ValidationError("Please correct the highlighted fields.", fieldErrors);
  const stored = CriterionScoresSchema.parse(scores);

  const { jobs, isReleased } = await db.$transaction(async (tx) => {
    const grade = await tx.rubricGrade.upsert({
      where: { submissionId: submission.id },
      create: { submissionId: submission.id, scores: stored, graderId: viewer.id },
      update: { scores: stored, graderId: viewer.id },
      select: { releasedAt: true },
    });
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: GRADE_SAVE_ACTION,
      targetType: "submission",
      targetId: submission.id,
      courseId: course.id,
      details: { scores: stored, isReleased: grade.releasedAt !== null },
    });
    const jobs = grade.releasedAt
      ? [await recordReleaseJobs(tx, { submissionId: submission.id, userId: submission.userId, courseId: course.id })]
      : [];
    return { jobs, isReleased: grade.releasedAt !== null };
  });
  await enqueueReleaseJobs(jobs);
  return { submissionId: submission.id, isReleased };
}
