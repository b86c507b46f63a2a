// Imports a course from its files (an uploaded bundle, or a course folder under content/): the
// files are parsed with the content schemas, the course goes through importCourse like the seed,
// the fields importCourse has no column for and the assignments are written after it, and the
// import is audited. A course that exists may only be replaced by someone who may edit it.
import path from "node:path";
import { coursesDir } from "../content-render/read-figure";
import { recordAudit } from "../audit/record-audit";
import { importCourse } from "../courses/import-course";
import type { LoadedCourse } from "../courses/load-course-files";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { ForbiddenError, ValidationError } from "../errors";
import { canTeachCourse, setCourseRole } from "../courses/roles";
import { requireAuthor, type Viewer } from "./authorize";
import { parseCourseFiles } from "./course-bundle";
import { examTitleValue, lessonBodyValue } from "./file-only-fields";
import { EXAM_SLUG } from "./read-course-files";
import { saveAssignmentVersion } from "./save-assignment-version";

/**
 * Stores what importCourse has no column for (see file-only-fields.ts). The seed, which imports
 * with importCourse directly, calls this after it so its courses export without loss too.
 */
export async function storeFileOnlyFields(
  tx: Prisma.TransactionClient,
  courseId: string,
  loaded: Pick<LoadedCourse, "lessons" | "exam" | "bank">,
): Promise<void> {
  for (const lesson of loaded.lessons) {
    await tx.lesson.update({
      where: { courseId_slug: { courseId, slug: lesson.meta.slug } },
      data: { body: lessonBodyValue(lesson.bodies, lesson.meta) },
    });
  }
  await tx.quiz.update({
    where: { courseId_slug: { courseId, slug: EXAM_SLUG } },
    data: { title: examTitleValue(loaded.exam.title, loaded.bank) },
  });
}

export interface ImportCourseBundleOptions {
  viewer: Viewer;
  /** The course's text files by path inside its folder, as in a bundle. */
  files: Record<string, string>;
  /** Where the files came from, for the audit log: "upload" or "content/courses/<slug>". */
  source: string;
}

export async function importCourseBundle({ viewer, files, source }: ImportCourseBundleOptions) {
  requireAuthor(viewer);
  const content = parseCourseFiles(files);
  const { course } = content;

  const existing = await db.course.findUnique({
    where: { slug: course.slug },
    select: { id: true, lessons: { select: { slug: true } } },
  });
  if (existing && !(await canTeachCourse(viewer, existing.id))) {
    throw new ForbiddenError(`A course "${course.slug}" already exists and you do not teach it.`);
  }
  // These slugs are taken by the exam's quiz and by the editor's "new" pages.
  const reserved: Record<string, string[]> = {};
  for (const lesson of content.lessons) {
    if (lesson.meta.slug === EXAM_SLUG || lesson.meta.slug === "new")
      reserved[`lessons/${lesson.folder}/lesson.yaml`] = [`slug: "${lesson.meta.slug}" is reserved; choose another`];
  }
  for (const assignment of content.assignments) {
    if (assignment.spec.slug === "new")
      reserved[`assignments/new/assignment.yaml`] = ['slug: "new" is reserved; choose another'];
  }
  if (Object.keys(reserved).length > 0) throw new ValidationError("Some slugs are reserved.", reserved);
  // Removing a lesson would delete learners' progress and quiz attempts with it; that is not an import's call.
  const kept = new Set(content.lessons.map((lesson) => lesson.meta.slug));
  const dropped = existing?.lessons.filter((lesson) => !kept.has(lesson.slug)).map((lesson) => lesson.slug) ?? [];
  if (dropped.length > 0) {
    throw new ValidationError("The files leave out lessons the course has.", {
      "course.yaml": [`lessons: keep the lessons ${dropped.join(", ")}; removing lessons is not supported`],
    });
  }

  const courseDir = path.join(coursesDir(), course.slug);
  const loaded: LoadedCourse = {
    dir: courseDir,
    course,
    lessons: content.lessons.map((lesson) => ({ ...lesson, dir: path.join(courseDir, "lessons", lesson.folder) })),
    exam: content.exam,
    bank: content.bank,
  };
  const { courseId, isChanged } = await importCourse(loaded);

  const newVersions = await db.$transaction(
    async (tx) => {
      await storeFileOnlyFields(tx, courseId, loaded);
      const versions: string[] = [];
      for (const [position, assignment] of content.assignments.entries()) {
        const saved = await saveAssignmentVersion({ tx, courseId, position, assignment, actorId: viewer.id });
        if (saved.isNewVersion) versions.push(`${assignment.spec.slug} v${saved.version}`);
      }
      if (!existing) {
        await setCourseRole(tx, { userId: viewer.id, courseId, role: "INSTRUCTOR" });
      }
      await recordAudit({
        tx,
        actorId: viewer.id,
        action: "course.import",
        targetType: "Course",
        targetId: courseId,
        courseId,
        details: {
          slug: course.slug,
          source,
          isNewCourse: !existing,
          isContentChanged: isChanged,
          newAssignmentVersions: versions,
        },
      });
      return versions;
    },
    { timeout: 60_000 },
  );
  return {
    courseId,
    courseSlug: course.slug,
    isNewCourse: !existing,
    isContentChanged: isChanged,
    newAssignmentVersions: newVersions,
  };
}
