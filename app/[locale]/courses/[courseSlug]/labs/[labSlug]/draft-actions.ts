"use server";

import { requireUser } from "@/lib/auth";
import { deleteLabDraft, saveLabDraft, StaleDraftError, type LabDraftSnapshot } from "@/lib/drafts/lab-draft";
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import type { DraftFailure } from "@/lib/i18n/editor-messages";

export type DraftActionResult<T> = { isOk: true; value: T } | { isOk: false; reason: DraftFailure };

/** A refusal the form shows in the reader's language; anything unexpected stays an error. */
async function asDraftResult<T>(run: () => Promise<T>): Promise<DraftActionResult<T>> {
  try {
    return { isOk: true, value: await run() };
  } catch (error) {
    if (error instanceof StaleDraftError) return { isOk: false, reason: "stale" };
    // A session that ended while the page was open: the editor keeps the code and says why it is not saved.
    if (error instanceof UnauthenticatedError) return { isOk: false, reason: "signedOut" };
    if (error instanceof ForbiddenError) return { isOk: false, reason: "notEnrolled" };
    if (error instanceof NotFoundError) return { isOk: false, reason: "invalid" };
    if (error instanceof ValidationError)
      return {
        isOk: false,
        reason: error.fieldErrors.code?.some((text) => /at most/.test(text)) ? "tooLarge" : "invalid",
      };
    throw error;
  }
}

/**
 * The editor's autosave. A server action is a public endpoint: `input` is whatever was sent, and saveLabDraft
 * validates it and keys the draft on the signed-in learner only.
 */
export async function saveLabDraftAction(input: unknown): Promise<DraftActionResult<LabDraftSnapshot>> {
  return asDraftResult(async () => saveLabDraft(await requireUser(), input));
}

/** "Reset to the starter code": forgets the stored draft. */
export async function deleteLabDraftAction(
  courseSlug: unknown,
  assignmentSlug: unknown,
): Promise<DraftActionResult<null>> {
  return asDraftResult(async () => {
    const user = await requireUser();
    if (typeof courseSlug !== "string" || typeof assignmentSlug !== "string") throw new ValidationError("Unknown lab.");
    await deleteLabDraft(user, courseSlug, assignmentSlug);
    return null;
  });
}
