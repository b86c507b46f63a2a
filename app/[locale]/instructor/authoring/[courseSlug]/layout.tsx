import type { ReactNode } from "react";
import { requirePageRole } from "@/app/_lib/page-guards";
import { requireEditableCourse } from "@/lib/authoring/authorize";
import { orPageError } from "@/app/[locale]/instructor/_lib/page-errors";

// Checked before any of the course's pages renders, so someone else's course is a real 403 (and an
// unknown one a real 404); each page checks again, as layouts are not re-run on navigation.
export default async function AuthoringCourseLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ courseSlug: string }>;
}) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/authoring/${courseSlug}`, "INSTRUCTOR", "ADMIN");
  await orPageError(requireEditableCourse(viewer, courseSlug));
  return children;
}
