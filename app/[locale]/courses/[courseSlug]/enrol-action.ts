"use server";

import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { requireUser } from "@/lib/auth";
import { enrol } from "@/lib/courses/enrol";
import { AppError, ValidationError } from "@/lib/errors";

export type EnrolResult = { isOk: true } | { isOk: false; message: string };

export async function enrolAction(courseSlug: string): Promise<EnrolResult> {
  try {
    const user = await requireUser();
    await enrol(user, { courseSlug });
    revalidateLocalizedPath(`/courses/${courseSlug}`, "layout");
    return { isOk: true };
  } catch (error) {
    if (error instanceof ValidationError)
      return { isOk: false, message: Object.values(error.fieldErrors).flat().join(" ") || error.message };
    if (error instanceof AppError) return { isOk: false, message: error.message };
    throw error;
  }
}
