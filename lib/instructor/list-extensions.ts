import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import { chargedAttemptsWhere } from "../submissions/attempt-policy";
import { requireTaughtAssignment, type Viewer } from "./course-access";

/** A lab's limits, the extensions granted for it, and the course's learners to grant one to. */
export async function listExtensions({
  viewer,
  courseSlug,
  assignmentSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  assignmentSlug: string;
  locale?: Locale;
}) {
  const { course, assignment } = await requireTaughtAssignment(viewer, courseSlug, assignmentSlug, locale);
  const [version, courseRow, extensions, learners] = await Promise.all([
    db.assignmentVersion.findFirst({
      where: { assignmentId: assignment.id },
      orderBy: { version: "desc" },
      select: { deadline: true, maxAttempts: true },
    }),
    db.course.findUniqueOrThrow({ where: { id: course.id }, select: { deadline: true } }),
    db.assignmentExtension.findMany({
      where: { assignmentId: assignment.id },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        deadline: true,
        extraAttempts: true,
        reason: true,
        createdAt: true,
        userId: true,
        user: { select: { name: true, email: true } },
      },
    }),
    db.enrolment.findMany({
      where: { courseId: course.id, role: "LEARNER" },
      orderBy: { user: { name: "asc" } },
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
  ]);
  const used = await Promise.all(
    extensions.map((extension) =>
      db.submission.count({ where: chargedAttemptsWhere(extension.userId, assignment.id) }),
    ),
  );
  return {
    course: { slug: course.slug, title: course.title },
    assignment,
    limits: { deadline: version?.deadline ?? courseRow.deadline, maxAttempts: version?.maxAttempts ?? null },
    extensions: extensions.map((extension, index) => ({ ...extension, usedAttempts: used[index] ?? 0 })),
    learners: learners.map((enrolment) => enrolment.user),
  };
}
