// A new, empty course made in the web app. It starts unpublished, with a final exam whose bank
// is still empty, and its creator as its instructor; lessons, questions and labs are added next.
import { recordAudit } from "../audit/record-audit";
import { setCourseRole } from "../courses/roles";
import { db } from "../db";
import { ValidationError } from "../errors";
import { parseInput } from "../validation";
import { requireAuthor, type Viewer } from "./authorize";
import { examTitleValue } from "./file-only-fields";
import { EXAM_SLUG } from "./read-course-files";
import { NewCourseInputSchema } from "./schemas";

const DEFAULT_PASS_RULE = {
  requiredLabs: [],
  minLessonQuizPercent: 60,
  minExamPercent: 60,
  passMarkPercent: 60,
  weights: { labs: 0.5, quizzes: 0.2, exam: 0.3 },
};

export async function createCourse({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: unknown;
}): Promise<{ courseId: string; slug: string }> {
  requireAuthor(viewer);
  const data = parseInput(NewCourseInputSchema, input);
  if (await db.course.findUnique({ where: { slug: data.slug }, select: { id: true } })) {
    throw new ValidationError("Please correct the highlighted fields.", {
      slug: ["a course with this slug already exists"],
    });
  }
  const courseId = await db.$transaction(async (tx) => {
    const course = await tx.course.create({
      data: {
        slug: data.slug,
        title: data.title,
        summary: data.summary,
        passRule: DEFAULT_PASS_RULE,
        isPublished: false,
      },
      select: { id: true },
    });
    await tx.quiz.create({
      data: {
        courseId: course.id,
        slug: EXAM_SLUG,
        kind: "EXAM",
        title: examTitleValue(
          { en: "Final exam", "zh-CN": "期末考试" },
          { title: { en: "Final exam question bank", "zh-CN": "期末考试题库" }, passPercent: 60 },
        ),
        drawCount: 10,
        timeLimitSeconds: 30 * 60,
        passPercent: 60,
      },
    });
    await setCourseRole(tx, { userId: viewer.id, courseId: course.id, role: "INSTRUCTOR" });
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: "course.create",
      targetType: "Course",
      targetId: course.id,
      courseId: course.id,
      details: { slug: data.slug },
    });
    return course.id;
  });
  return { courseId, slug: data.slug };
}
