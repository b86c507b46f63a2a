"use server";

import { headers } from "next/headers";
import { clientAddressFromHeaders } from "@/lib/api/client-address";
import { hitRateLimits, SUBMISSIONS_PER_ACCOUNT, SUBMISSIONS_PER_ADDRESS } from "@/lib/api/rate-limit";
import { requireUser } from "@/lib/auth";
import { AppError, type FieldErrors } from "@/lib/errors";
import { createSubmission } from "@/lib/submissions/create-submission";
import { readUploadedModule } from "@/lib/submissions/submission-input";
import { readUploadedWeights, WEIGHTS_LANGUAGE } from "@/lib/submissions/weights-bundle";
import { refusalOf } from "@/app/_lib/action-result";

export type SubmitLabResult =
  { isOk: true; submissionId: string } | { isOk: false; message: string; fieldErrors: FieldErrors };

/**
 * The lab page's submit button: the editor's text, an uploaded module, or (take-home labs) the
 * uploaded model.json and weights. All go through the same validation as the HTTP API (createSubmission).
 */
export async function submitLabAction(
  courseSlug: string,
  assignmentSlug: string,
  form: FormData,
): Promise<SubmitLabResult> {
  // A server action is a public endpoint: its arguments need not be what the page sends.
  if (!(form instanceof FormData))
    return { isOk: false, message: "Your submission was not accepted.", fieldErrors: { code: ["Send the lab form."] } };
  try {
    const user = await requireUser();
    // The same limits as the HTTP API, so the web form is no way around them.
    await hitRateLimits([
      { rule: SUBMISSIONS_PER_ACCOUNT, subject: user.id },
      { rule: SUBMISSIONS_PER_ADDRESS, subject: clientAddressFromHeaders(await headers()) },
    ]);
    const modelJson = form.get("modelJson");
    const weights = form.get("weights");
    if (modelJson instanceof File || weights instanceof File) {
      if (!(modelJson instanceof File) || modelJson.size === 0)
        return {
          isOk: false,
          message: "Your files were not accepted.",
          fieldErrors: { modelJson: ["Choose the model.json that model.save() wrote."] },
        };
      const uploaded = readUploadedWeights(
        new Uint8Array(await modelJson.arrayBuffer()),
        weights instanceof File ? new Uint8Array(await weights.arrayBuffer()) : new Uint8Array(),
      );
      if ("error" in uploaded)
        return {
          isOk: false,
          message: "Your files were not accepted.",
          fieldErrors: { [uploaded.field]: [uploaded.error] },
        };
      const submission = await createSubmission(user, {
        courseSlug,
        assignmentSlug,
        code: uploaded.code,
        language: WEIGHTS_LANGUAGE,
        source: "UPLOAD",
      });
      return { isOk: true, submissionId: submission.id };
    }
    const file = form.get("file");
    let input: Record<string, unknown> = {
      courseSlug,
      assignmentSlug,
      code: form.get("code"),
      language: form.get("language") ?? "javascript",
      source: "WEB",
    };
    if (file instanceof File && file.size > 0) {
      const uploaded = readUploadedModule(file.name, new Uint8Array(await file.arrayBuffer()));
      if ("error" in uploaded)
        return { isOk: false, message: "Your file was not accepted.", fieldErrors: { file: [uploaded.error] } };
      input = { ...input, code: uploaded.code, language: uploaded.language, source: "UPLOAD" };
    }
    const submission = await createSubmission(user, input);
    return { isOk: true, submissionId: submission.id };
  } catch (error) {
    if (error instanceof AppError) return { isOk: false, ...(await refusalOf(error)) };
    throw error;
  }
}
