import { db } from "../db";
import { ConflictError } from "../errors";
import { requireTaughtAssignment, type Viewer } from "../instructor/course-access";
import { parseInput } from "../validation";
import { releaseGrades } from "./release-grades";
import { ConfirmInputSchema } from "./schemas";

/** Releases every saved, unreleased rubric grade of a lab; the caller confirms with `{ isConfirmed: true }`. */
export async function releaseLabReviews({
  viewer,
  courseSlug,
  labSlug,
  input,
}: {
  viewer: Viewer;
  courseSlug: string;
  labSlug: string;
  input: unknown;
}) {
  const { course, assignment } = await requireTaughtAssignment(viewer, courseSlug, labSlug);
  parseInput(ConfirmInputSchema, input);
  const drafts = await db.rubricGrade.findMany({
    where: { releasedAt: null, submission: { assignmentId: assignment.id } },
    select: { submissionId: true },
  });
  const count = await releaseGrades(
    viewer,
    course.id,
    drafts.map((draft) => draft.submissionId),
  );
  if (count === 0) throw new ConflictError("There is no unreleased grade to release: save the rubric first.");
  return { released: count };
}
