// The course as a bundle of its files, for download. The files are checked with the content
// schemas before they leave, so an export always imports again; a course that is not complete
// yet (no lessons, an empty question bank) is refused with what is missing, file by file.
import { recordAudit } from "../audit/record-audit";
import { requireEditableCourse, type Viewer } from "./authorize";
import { bundleText, parseCourseFiles } from "./course-bundle";
import { readCourseFiles } from "./read-course-files";

export async function exportCourse({
  viewer,
  courseSlug,
}: {
  viewer: Viewer;
  courseSlug: string;
}): Promise<{ fileName: string; text: string }> {
  const course = await requireEditableCourse(viewer, courseSlug);
  const files = await readCourseFiles(course.id);
  parseCourseFiles(files);
  await recordAudit({
    actorId: viewer.id,
    action: "course.export",
    targetType: "Course",
    targetId: course.id,
    courseId: course.id,
    details: { files: Object.keys(files).length },
  });
  return { fileName: `${course.slug}.course.json`, text: bundleText(files) };
}
