"use server";

import { headers } from "next/headers";
import { toActionResult, type ActionResult } from "@/app/_lib/action-result";
import { clientAddressFromHeaders } from "@/lib/api/client-address";
import { hitRateLimits } from "@/lib/api/rate-limit";
import { requireUser } from "@/lib/auth";
import { ValidationError } from "@/lib/errors";
import { createPracticeRun } from "@/lib/practice/create-practice-run";
import { getPracticeRun, snapshotOf, type PracticeRunSnapshot } from "@/lib/practice/get-practice-run";
import { PracticeInputSchema } from "@/lib/practice/practice-input";
import { PRACTICE_RUNS_PER_ACCOUNT, PRACTICE_RUNS_PER_ADDRESS } from "@/lib/practice/practice-rate-limit";
import { readUploadedModule } from "@/lib/submissions/submission-input";
import { parseInput } from "@/lib/validation";

/**
 * The lab page's "Check my code": the editor's text or an uploaded module, run as practice (never
 * graded, never an attempt). The same validation and limits as POST /api/v1/practice-runs.
 */
export async function checkLabCodeAction(
  courseSlug: string,
  assignmentSlug: string,
  form: FormData,
): Promise<ActionResult<PracticeRunSnapshot>> {
  return toActionResult(async () => {
    const user = await requireUser();
    // A server action is a public endpoint: its arguments need not be what the page sends.
    if (!(form instanceof FormData))
      throw new ValidationError("Your code could not be checked.", { code: ["Send the lab form."] });
    let input: Record<string, unknown> = {
      courseSlug,
      assignmentSlug,
      code: form.get("code"),
      language: form.get("language") ?? "javascript",
    };
    const file = form.get("file");
    if (file instanceof File && file.size > 0) {
      const uploaded = readUploadedModule(file.name, new Uint8Array(await file.arrayBuffer()));
      if ("error" in uploaded) throw new ValidationError("Your file could not be checked.", { file: [uploaded.error] });
      input = { ...input, code: uploaded.code, language: uploaded.language };
    }
    const parsed = parseInput(PracticeInputSchema, input, "Your code could not be checked.");
    // Counted only once the request is well-formed, so a typo does not use up a check.
    await hitRateLimits([
      { rule: PRACTICE_RUNS_PER_ACCOUNT, subject: user.id },
      { rule: PRACTICE_RUNS_PER_ADDRESS, subject: clientAddressFromHeaders(await headers()) },
    ]);
    const created = await createPracticeRun(user, parsed);
    return snapshotOf(await getPracticeRun(user, created.id));
  });
}
