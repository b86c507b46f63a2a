// The course.yaml fields an instructor edits in the web app: titles, summary, pass rule, deadline,
// and whether learners can see the course.
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { ValidationError } from "../errors";
import { parseInput } from "../validation";
import { requireEditableCourse, type Viewer } from "./authorize";
import { CourseInputSchema } from "./schemas";

export async function updateCourse({
  viewer,
  courseSlug,
  input,
}: {
  viewer: Viewer;
  courseSlug: string;
  input: unknown;
}): Promise<void> {
  const course = await requireEditableCourse(viewer, courseSlug);
  const data = parseInput(CourseInputSchema, input);
  const labs = await db.assignment.findMany({ where: { courseId: course.id }, select: { slug: true } });
  const unknownLabs = data.passRule.requiredLabs.filter((slug) => !labs.some((lab) => lab.slug === slug));
  if (unknownLabs.length > 0) {
    throw new ValidationError("Please correct the highlighted fields.", {
      "passRule.requiredLabs": [`the course has no lab ${unknownLabs.join(", ")}`],
    });
  }
  await db.$transaction(async (tx) => {
    await tx.course.update({
      where: { id: course.id },
      // A web edit makes the course differ from any files it came from, so the next import of those files must not be
      // skipped.
      data: {
        title: data.title,
        summary: data.summary,
        passRule: data.passRule,
        deadline: data.deadline ? new Date(data.deadline) : null,
        isPublished: data.isPublished,
        contentHash: null,
      },
    });
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: "course.update",
      targetType: "Course",
      targetId: course.id,
      courseId: course.id,
      details: {
        title: data.title,
        passRule: data.passRule,
        deadline: data.deadline || null,
        isPublished: data.isPublished,
      },
    });
  });
}
