import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import type { Viewer } from "../instructor/course-access";
import { parseInput } from "../validation";
import { requireReviewableSubmission } from "./review-access";
import { DeleteReviewCommentInputSchema } from "./schemas";

export const COMMENT_DELETE_ACTION = "review.comment.delete";

/** Deletes a line comment of a submission of a course the viewer teaches. */
export async function deleteReviewComment({
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
  const { course, submission } = await requireReviewableSubmission(viewer, courseSlug, submissionId);
  const { commentId } = parseInput(DeleteReviewCommentInputSchema, input);
  await db.$transaction(async (tx) => {
    const { count } = await tx.reviewComment.deleteMany({ where: { id: commentId, submissionId: submission.id } });
    if (count === 0) throw new NotFoundError("There is no such comment.");
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: COMMENT_DELETE_ACTION,
      targetType: "submission",
      targetId: submission.id,
      courseId: course.id,
      details: { commentId },
    });
  });
  return { commentId };
}
