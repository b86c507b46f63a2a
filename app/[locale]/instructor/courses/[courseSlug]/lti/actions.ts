"use server";

import { requireUser } from "@/lib/auth";
import { ConflictError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/locale";
import { ltiInstructorMessagesFor } from "@/lib/i18n/lti-instructor-messages";
import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { syncRoster } from "@/lib/lti/roster/sync-roster";
import { resendFailedScores, resendScorePost } from "@/lib/lti/scores/resend-scores";
import { LtiServiceError } from "@/lib/lti/service-request";
import { toActionResult, type ActionResult } from "@/app/_lib/action-result";
import { z } from "zod";
import { parseInput } from "@/lib/validation";

const pagePath = (courseSlug: string) => `/instructor/courses/${courseSlug}/lti`;

/** The ids the page sends back, checked before anything reads them: a caller may send any value. */
const CourseSchema = z.object({ courseSlug: z.string().min(1).max(200) });
const RowSchema = CourseSchema.extend({ rowId: z.string().min(1).max(64) });

/** Authenticates again; lib/ checks that the viewer teaches the course and that the LMS course is placed in it. */
export async function syncRosterAction(
  courseSlug: string,
  ltiContextId: string,
): Promise<ActionResult<{ memberCount: number; removedCount: number }>> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    const { rowId } = parseInput(RowSchema, { courseSlug, rowId: ltiContextId });
    try {
      const synced = await syncRoster({ viewer, courseSlug, ltiContextId: rowId });
      return { memberCount: synced.memberCount, removedCount: synced.removedCount };
    } catch (error) {
      // The platform's refusal is an answer for the instructor (stored on the LMS course as well), not a crash.
      if (error instanceof LtiServiceError)
        throw new ConflictError(ltiInstructorMessagesFor(await getLocale()).syncError(error.message));
      throw error;
    } finally {
      revalidateLocalizedPath(pagePath(courseSlug));
    }
  });
}

export async function resendScoreAction(courseSlug: string, scorePostId: string): Promise<ActionResult> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    const { rowId } = parseInput(RowSchema, { courseSlug, rowId: scorePostId });
    await resendScorePost({ viewer, courseSlug, scorePostId: rowId });
    revalidateLocalizedPath(pagePath(courseSlug));
    return undefined;
  });
}

export async function resendAllFailedAction(courseSlug: string): Promise<ActionResult<number>> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    parseInput(CourseSchema, { courseSlug });
    const count = await resendFailedScores({ viewer, courseSlug });
    revalidateLocalizedPath(pagePath(courseSlug));
    return count;
  });
}
