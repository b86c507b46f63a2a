"use server";

import { toActionResult, type ActionResult } from "@/app/_lib/action-result";
import { requireUser } from "@/lib/auth";
import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { answerRegradeRequest } from "@/lib/review/answer-regrade-request";

/** Authenticates again; lib/ checks that the viewer teaches the course and validates the answer. */
export async function answerRegradeRequestAction(
  courseSlug: string,
  requestId: string,
  input: unknown,
): Promise<ActionResult> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    await answerRegradeRequest({ viewer, courseSlug: courseSlug, requestId, input });
    revalidateLocalizedPath(`/instructor/courses/${courseSlug}`, "layout");
    return undefined;
  });
}
