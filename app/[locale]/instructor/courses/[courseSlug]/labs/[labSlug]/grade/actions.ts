"use server";

import { toActionResult, type ActionResult } from "@/app/_lib/action-result";
import { requireUser } from "@/lib/auth";
import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { releaseLabReviews } from "@/lib/review/release-lab-reviews";

/** Releases every draft grade of the lab; lib/ asks for `{ isConfirmed: true }` and checks the viewer teaches it. */
export async function releaseLabReviewsAction(
  courseSlug: string,
  labSlug: string,
  input: unknown,
): Promise<ActionResult<{ released: number }>> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    const result = await releaseLabReviews({ viewer, courseSlug: courseSlug, labSlug: labSlug, input });
    revalidateLocalizedPath(`/instructor/courses/${courseSlug}`, "layout");
    return result;
  });
}
