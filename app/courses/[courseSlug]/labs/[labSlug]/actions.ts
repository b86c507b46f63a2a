"use server";

import { headers } from "next/headers";
import { clientAddressFromHeaders } from "@/lib/api/client-address";
import { hitRateLimit, SUBMISSIONS_PER_ACCOUNT, SUBMISSIONS_PER_ADDRESS } from "@/lib/api/rate-limit";
import { requireUser } from "@/lib/auth";
import { AppError, ValidationError, type FieldErrors } from "@/lib/errors";
import { createSubmission } from "@/lib/submissions/create-submission";
import { readUploadedModule } from "@/lib/submissions/submission-input";

export type SubmitLabResult = { isOk: true; submissionId: string } | { isOk: false; message: string; fieldErrors: FieldErrors };

/**
 * The lab page's submit button: the editor's text, or an uploaded file when one is chosen. Both
 * go through the same validation as the HTTP API (createSubmission).
 */
export async function submitLabAction(courseSlug: string, assignmentSlug: string, form: FormData): Promise<SubmitLabResult> {
  try {
    const user = await requireUser();
    // The same limits as the HTTP API, so the web form is no way around them.
    await hitRateLimit(SUBMISSIONS_PER_ACCOUNT, user.id);
    await hitRateLimit(SUBMISSIONS_PER_ADDRESS, clientAddressFromHeaders(await headers()));
    const file = form.get("file");
    let input: Record<string, unknown> = { courseSlug, assignmentSlug, code: form.get("code"), language: form.get("language") ?? "javascript", source: "WEB" };
    if (file instanceof File && file.size > 0) {
      const uploaded = readUploadedModule(file.name, new Uint8Array(await file.arrayBuffer()));
      if ("error" in uploaded) return { isOk: false, message: "Your file was not accepted.", fieldErrors: { file: [uploaded.error] } };
      input = { ...input, code: uploaded.code, language: uploaded.language, source: "UPLOAD" };
    }
    const submission = await createSubmission(user, input);
    return { isOk: true, submissionId: submission.id };
  } catch (error) {
    if (error instanceof ValidationError) return { isOk: false, message: error.message, fieldErrors: error.fieldErrors };
    if (error instanceof AppError) return { isOk: false, message: error.message, fieldErrors: {} };
    throw error;
  }
}
