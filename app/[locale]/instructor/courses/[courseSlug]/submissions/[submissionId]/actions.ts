"use server";

import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { requireUser } from "@/lib/auth";
import { regradeSubmission } from "@/lib/instructor/regrade-submission";
import { toActionResult, type ActionResult } from "@/app/_lib/action-result";

/** Authenticates again; lib/ checks that the viewer teaches the course. */
export async function regradeSubmissionAction(
  courseSlug: string,
  submissionId: string,
  input: { reason: unknown },
): Promise<ActionResult> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    await regradeSubmission({ viewer, courseSlug, submissionId, input });
    revalidateLocalizedPath(`/instructor/courses/${courseSlug}/submissions/${submissionId}`);
    return undefined;
  });
}
