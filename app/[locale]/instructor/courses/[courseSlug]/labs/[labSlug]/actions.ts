"use server";

import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { requireUser } from "@/lib/auth";
import { getRegradeProgress, type RegradeProgress } from "@/lib/instructor/get-regrade-progress";
import { grantExtension } from "@/lib/instructor/grant-extension";
import { regradeAssignment } from "@/lib/instructor/regrade-assignment";
import { revokeExtension } from "@/lib/instructor/revoke-extension";
import { toActionResult, type ActionResult } from "@/app/_lib/action-result";

// Each action authenticates again and lib/ checks the course: a server action is a public endpoint.

export async function regradeAllAction(
  courseSlug: string,
  assignmentSlug: string,
  input: { reason: unknown },
): Promise<ActionResult<{ total: number }>> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    const { total } = await regradeAssignment({ viewer, courseSlug, assignmentSlug, input });
    revalidateLocalizedPath(`/instructor/courses/${courseSlug}/labs/${assignmentSlug}`);
    return { total };
  });
}

export async function regradeProgressAction(
  courseSlug: string,
  assignmentSlug: string,
): Promise<ActionResult<RegradeProgress | null>> {
  return toActionResult(async () => getRegradeProgress({ viewer: await requireUser(), courseSlug, assignmentSlug }));
}

export async function grantExtensionAction(
  courseSlug: string,
  assignmentSlug: string,
  input: Record<string, unknown>,
): Promise<ActionResult> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    await grantExtension({ viewer, courseSlug, assignmentSlug, input });
    revalidateLocalizedPath(`/instructor/courses/${courseSlug}/labs/${assignmentSlug}/extensions`);
    return undefined;
  });
}

export async function revokeExtensionAction(
  courseSlug: string,
  assignmentSlug: string,
  learnerId: string,
): Promise<ActionResult> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    await revokeExtension({ viewer, courseSlug, assignmentSlug, input: { learnerId } });
    revalidateLocalizedPath(`/instructor/courses/${courseSlug}/labs/${assignmentSlug}/extensions`);
    return undefined;
  });
}
