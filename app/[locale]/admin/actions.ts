"use server";

import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { requireUser } from "@/lib/auth";
import { changeUserRole } from "@/lib/admin/change-user-role";
import { setCourseInstructor } from "@/lib/admin/set-course-instructor";
import { toActionResult, type ActionResult } from "@/app/_lib/action-result";

// Each action authenticates again and lib/admin checks the role: a server action is a public endpoint.

export async function changeRoleAction(input: {
  userId: unknown;
  role: unknown;
}): Promise<ActionResult<{ isChanged: boolean }>> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    const { isChanged } = await changeUserRole({ viewer, input });
    revalidateLocalizedPath("/admin");
    return { isChanged };
  });
}

export async function setCourseInstructorAction(input: {
  userId: unknown;
  courseSlug: unknown;
  isInstructor: unknown;
}): Promise<ActionResult<{ isChanged: boolean }>> {
  return toActionResult(async () => {
    const viewer = await requireUser();
    const { isChanged } = await setCourseInstructor({ viewer, input });
    revalidateLocalizedPath("/admin");
    return { isChanged };
  });
}
