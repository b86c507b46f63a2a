import type { CurrentUser } from "../auth";
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { effectiveLimits } from "../submissions/attempt-policy";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Where one learner stands in one course: what is done, what comes next, what is due. */
async function courseProgress(userId: string, courseId: string, locale: Locale) {
  const [lessons, completed, assignments, passedLabs, extensions, passedExam] = await Promise.all([
    db.lesson.findMany({
      where: { courseId },
      orderBy: { position: "asc" },
      select: { id: true, slug: true, title: true },
    }),
    db.lessonProgress.findMany({ where: { userId, lesson: { courseId } }, select: { lessonId: true } }),
    db.assignment.findMany({
      where: { courseId },
      orderBy: { position: "asc" },
      select: {
        id: true,
        slug: true,
        title: true,
        course: { select: { deadline: true } },
        versions: { orderBy: { version: "desc" }, take: 1, select: { deadline: true, maxAttempts: true } },
      },
    }),
    db.submission.findMany({
      where: { userId, status: "PASSED", assignment: { courseId } },
      distinct: ["assignmentId"],
      select: { assignmentId: true },
    }),
    db.assignmentExtension.findMany({ where: { userId, assignment: { courseId } } }),
    db.quizAttempt.findFirst({
      where: { userId, isPassed: true, quiz: { courseId, kind: "EXAM" } },
      select: { id: true },
    }),
  ]);
  const completedIds = new Set(completed.map((row) => row.lessonId));
  const passedIds = new Set(passedLabs.map((row) => row.assignmentId));
  const nextLesson = lessons.find((lesson) => !completedIds.has(lesson.id));
  const nextLab = assignments.find((assignment) => !passedIds.has(assignment.id));
  const now = Date.now();
  const deadlines = assignments
    .filter((assignment) => !passedIds.has(assignment.id))
    .map((assignment) => {
      const version = assignment.versions[0] ?? { deadline: null, maxAttempts: null };
      const extension = extensions.find((candidate) => candidate.assignmentId === assignment.id) ?? null;
      const { deadline } = effectiveLimits({ version, courseDeadline: assignment.course.deadline, extension });
      return { slug: assignment.slug, title: localize(assignment.title, locale), deadline };
    })
    .filter(
      (entry): entry is { slug: string; title: string; deadline: Date } =>
        entry.deadline !== null && entry.deadline.getTime() > now && entry.deadline.getTime() - now < 30 * DAY_MS,
    )
    .sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
  return {
    lessonsDone: completedIds.size,
    lessonsTotal: lessons.length,
    labsPassed: passedIds.size,
    labsTotal: assignments.length,
    isExamPassed: passedExam !== null,
    nextStep: nextLesson
      ? { kind: "lesson" as const, slug: nextLesson.slug, title: localize(nextLesson.title, locale) }
      : nextLab
        ? { kind: "lab" as const, slug: nextLab.slug, title: localize(nextLab.title, locale) }
        : passedExam
          ? { kind: "done" as const, slug: "", title: "" }
          : { kind: "exam" as const, slug: "exam", title: "" },
    deadlines,
  };
}

/** What a learner sees on their dashboard: only their own enrolments, progress and submissions. */
export async function getDashboard(user: Pick<CurrentUser, "id">, locale: Locale) {
  const [enrolments, submissions] = await Promise.all([
    db.enrolment.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
      select: { role: true, course: { select: { id: true, slug: true, title: true } } },
    }),
    db.submission.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: {
        id: true,
        status: true,
        score: true,
        createdAt: true,
        assignment: { select: { slug: true, title: true, course: { select: { slug: true } } } },
      },
    }),
  ]);
  const courses = await Promise.all(
    enrolments.map(async ({ course, role }) => ({
      slug: course.slug,
      title: localize(course.title, locale),
      role,
      progress: role === "LEARNER" ? await courseProgress(user.id, course.id, locale) : null,
    })),
  );
  return {
    courses,
    submissions: submissions.map((submission) => ({
      ...submission,
      assignmentTitle: localize(submission.assignment.title, locale),
    })),
  };
}
