// Course and lab titles for a page's tab title, in the reader's language. The page itself checks
// access and answers 403/404; the tab title only falls back to generic words when it may not know.
import { getCurrentUser } from "@/lib/auth";
import type { Locale } from "@/lib/courses/content-schema";
import { requireTaughtAssignment, requireTaughtCourse } from "@/lib/instructor/course-access";

export async function taughtTitles(
  locale: Locale,
  courseSlug: string,
  labSlug?: string,
): Promise<{ course: string; lab: string } | null> {
  const viewer = await getCurrentUser();
  if (!viewer) return null;
  try {
    if (labSlug === undefined)
      return { course: (await requireTaughtCourse(viewer, courseSlug, locale)).title, lab: "" };
    const { course, assignment } = await requireTaughtAssignment(viewer, courseSlug, labSlug, locale);
    return { course: course.title, lab: assignment.title };
  } catch {
    return null;
  }
}
