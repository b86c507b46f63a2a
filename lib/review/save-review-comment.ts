import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import type { Viewer } from "../instructor/course-access";
import { parseInput } from "../validation";
import { requireReviewableSubmission } from "./review-access";
import { SaveReviewCommentInputSchema } from "./schemas";

export const COMMENT_SAVE_ACTION = "review.comment.save";

/** Adds a comment on one line of a submission's code, or edits one (any instructor of the course may). */
export async function saveReviewComment({
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
  const { commentId, line, body } = parseInput(SaveReviewCommentInputSchema, input);
  return db.$transaction(async (tx) => {
    let id: string;
    if (commentId) {
      const { count } = await tx.reviewComment.updateMany({
        where: { id: commentId, submissionId: submission.id },
        data: { line, body },
      });
      if (count === 0) throw new NotFoundError("There is no such comment.");
      id = commentId;
    } else {
      id = (
        await tx.reviewComment.create({
          data: { submissionId: submission.id, line, body, authorId: viewer.id },
          select: { id: true },
        })
      ).id;
    }
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: COMMENT_SAVE_ACTION,
      targetType: "submission",
      targetId: submission.id,
      courseId: course.id,
      details: { commentId: id, line, isEdit: commentId !== undefined },
    });
    return { commentId: id };
  });
}
