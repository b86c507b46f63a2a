"use server";

import { toActionResult, type ActionResult } from "@/app/_lib/action-result";
import { requireUser } from "@/lib/auth";
import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { deleteReviewComment } from "@/lib/review/delete-review-comment";
import { releaseReview } from "@/lib/review/release-review";
import { saveReviewComment } from "@/lib/review/save-review-comment";
import { saveRubricGrade } from "@/lib/review/save-rubric-grade";

// Each action authenticates again; lib/review checks that the viewer teaches the course and
// validates every argument, so junk never writes.

// After lib/ accepted the course slug: every page of the course shows review state.
const revalidateCourse = (courseSlug: string) => revalidateLocalizedPath(`/instructor/courses/${courseSlug}`, "layout");

export async function saveRubricGradeAction(
  courseSlug: string,
  submissionId: string,
  input: unknown,
): Promise<ActionResult<{ isReleased: boolean }>> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    const { isReleased } = await saveRubricGrade({ viewer, courseSlug: courseSlug, submissionId, input });
    revalidateCourse(courseSlug);
    return { isReleased };
  });
}

export async function saveReviewCommentAction(
  courseSlug: string,
  submissionId: string,
  input: unknown,
): Promise<ActionResult> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    await saveReviewComment({ viewer, courseSlug: courseSlug, submissionId, input });
    revalidateCourse(courseSlug);
    return undefined;
  });
}

export async function deleteReviewCommentAction(
  courseSlug: string,
  submissionId: string,
  input: unknown,
): Promise<ActionResult> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    await deleteReviewComment({ viewer, courseSlug: courseSlug, submissionId, input });
    revalidateCourse(courseSlug);
    return undefined;
  });
}

export async function releaseReviewAction(courseSlug: string, submissionId: string): Promise<ActionResult> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    await releaseReview({ viewer, courseSlug: courseSlug, submissionId });
    revalidateCourse(courseSlug);
    return undefined;
  });
}
