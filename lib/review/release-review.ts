import { ConflictError } from "../errors";
import type { Viewer } from "../instructor/course-access";
import { releaseGrades } from "./release-grades";
import { requireReviewableSubmission } from "./review-access";

/** Releases one submission's rubric grade and line comments to its learner. */
export async function releaseReview({
  viewer,
  courseSlug,
  submissionId,
}: {
  viewer: Viewer;
  courseSlug: string;
  submissionId: unknown;
}) {
  const { course, submission } = await requireReviewableSubmission(viewer, courseSlug, submissionId);
  const count = await releaseGrades(viewer, course.id, [submission.id]);
  if (count === 0) throw new ConflictError("There is no unreleased grade to release: save the rubric first.");
  return { released: count };
}
