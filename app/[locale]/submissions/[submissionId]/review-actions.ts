"use server";

import { toActionResult, type ActionResult } from "@/app/_lib/action-result";
import { requireUser } from "@/lib/auth";
import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { requestRegrade } from "@/lib/review/request-regrade";

/** A learner asks for a review of their own graded attempt or of one criterion; lib/ checks it is theirs. */
export async function requestRegradeAction(input: unknown): Promise<ActionResult> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    const { submissionId } = await requestRegrade({ viewer, input });
    revalidateLocalizedPath(`/submissions/${submissionId}`);
    return undefined;
  });
}
