import type { ReactNode } from "react";
import { requirePageRole } from "@/app/_lib/page-guards";
import { requireTaughtCourse } from "@/lib/instructor/course-access";
import { orPageError } from "../../_lib/page-errors";

// Whether the viewer teaches this course is checked here as well as in every page, so someone else's
// course is a real 403 (and an unknown one a real 404). The course's pages have no loading.tsx: a
// loading screen would send status 200 before a page could find that its lab or submission is unknown.
export default async function TaughtCourseLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ courseSlug: string }>;
}) {
  const { courseSlug } = await params;
  const viewer = await requirePageRole(`/instructor/courses/${courseSlug}`, "INSTRUCTOR", "ADMIN");
  await orPageError(requireTaughtCourse(viewer, courseSlug));
  return children;
}
