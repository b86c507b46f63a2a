// Creates or edits a lesson: lesson.yaml's fields and the two Markdown bodies. A new lesson goes
// last, with an empty quiz of its own; its slug is fixed once made, because learners' progress,
// quiz attempts and figure URLs hang on it.
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { parseInput } from "../validation";
import { markCourseEdited } from "./mark-course-edited";
import { requireEditableCourse, type Viewer } from "./authorize";
import { lessonBodyValue } from "./file-only-fields";
import { EXAM_SLUG } from "./read-course-files";
import { LessonInputSchema } from "./schemas";

export interface SaveLessonOptions {
  viewer: Viewer;
  courseSlug: string;
  /** The lesson to edit, or null to create one. */
  lessonSlug: string | null;
  input: unknown;
}

export async function saveLesson({
  viewer,
  courseSlug,
  lessonSlug,
  input,
}: SaveLessonOptions): Promise<{ slug: string }> {
  const course = await requireEditableCourse(viewer, courseSlug);
  const data = parseInput(LessonInputSchema, input);
  const existing =
    lessonSlug === null
      ? null
      : await db.lesson.findUnique({
          where: { courseId_slug: { courseId: course.id, slug: lessonSlug } },
          select: { id: true },
        });
  if (lessonSlug !== null && !existing) throw new NotFoundError("There is no such lesson.");
  if (lessonSlug !== null && data.slug !== lessonSlug)
    throw new ValidationError("Please correct the highlighted fields.", {
      slug: ["the slug of a lesson cannot change"],
    });
  if (lessonSlug === null) {
    // "new" is the address of the new-lesson page and "final-exam" the exam's quiz slug.
    if (data.slug === "new" || data.slug === EXAM_SLUG)
      throw new ValidationError("Please correct the highlighted fields.", {
        slug: ["this slug is reserved; choose another"],
      });
    const isTaken = await db.lesson.findUnique({
      where: { courseId_slug: { courseId: course.id, slug: data.slug } },
      select: { id: true },
    });
    if (isTaken)
      throw new ValidationError("Please correct the highlighted fields.", {
        slug: ["this course already uses that slug"],
      });
  }

  const fields = { title: data.title, body: lessonBodyValue(data.body, data) };
  await db.$transaction(async (tx) => {
    let lessonId: string;
    if (existing) {
      await tx.lesson.update({ where: { id: existing.id }, data: fields });
      lessonId = existing.id;
    } else {
      const position = await tx.lesson.count({ where: { courseId: course.id } });
      lessonId = (
        await tx.lesson.create({
          data: { courseId: course.id, slug: data.slug, position, ...fields },
          select: { id: true },
        })
      ).id;
      await tx.quiz.create({
        data: {
          courseId: course.id,
          lessonId,
          slug: data.slug,
          kind: "LESSON",
          title: { en: `Quiz: ${data.title.en}`, "zh-CN": `测验：${data.title["zh-CN"]}` },
          passPercent: 60,
        },
      });
    }
    await markCourseEdited(tx, course.id);
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: existing ? "lesson.update" : "lesson.create",
      targetType: "Lesson",
      targetId: lessonId,
      courseId: course.id,
      details: { slug: data.slug, title: data.title, minutes: data.minutes },
    });
  });
  return { slug: data.slug };
}
