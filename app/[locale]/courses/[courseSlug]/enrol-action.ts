"use server";

import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { requireUser } from "@/lib/auth";
import { enrol } from "@/lib/courses/enrol";
import { AppError } from "@/lib/errors";
import { refusalOf } from "@/app/_lib/action-result";

export type EnrolResult = { isOk: true } | { isOk: false; message: string };

export async function enrolAction(courseSlug: string): Promise<EnrolResult> {
  try {
    const user = await requireUser();
    await enrol(user, { courseSlug });
    revalidateLocalizedPath(`/courses/${courseSlug}`, "layout");
    return { isOk: true };
  } catch (error) {
    if (error instanceof AppError) {
      const refusal = await refusalOf(error);
      return { isOk: false, message: Object.values(refusal.fieldErrors).flat().join(" ") || refusal.message };
    }
    throw error;
  }
}
