// Who may take a quiz: learners enrolled in its course, the course's instructors and admins.
// Every quiz read and write goes through here first.
import { z } from "zod";
import type { CurrentUser } from "../auth";
import { db } from "../db";
import { ForbiddenError, NotFoundError } from "../errors";
import { canTeachCourse } from "../courses/roles";

export type Viewer = Pick<CurrentUser, "id" | "role">;

export const SlugSchema = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/** Seconds after the deadline in which a submission still counts, for the request's trip. */
export const DEADLINE_GRACE_SECONDS = 15;

/** A quiz's rules, as every list of its attempts shows them (lib/quizzes/list-attempts.ts). */
export const QUIZ_RULE_FIELDS = {
  slug: true,
  kind: true,
  title: true,
  drawCount: true,
  timeLimitSeconds: true,
  passPercent: true,
  maxAttempts: true,
  cooldownMinutes: true,
  // Their groups tell how many questions one attempt shows.
  questions: { select: { id: true, variantGroup: true } },
} as const;

/** The quiz `quizSlug` of the course `courseSlug`, when `viewer` may take it. */
export async function requireQuizForViewer(viewer: Viewer, courseSlug: string, quizSlug: string) {
  if (!SlugSchema.safeParse(courseSlug).success || !SlugSchema.safeParse(quizSlug).success)
    throw new NotFoundError("There is no such quiz.");
  const quiz = await db.quiz.findFirst({
    where: { slug: quizSlug, course: { slug: courseSlug } },
    select: {
      id: true,
      ...QUIZ_RULE_FIELDS,
      lessonId: true,
      lesson: { select: { slug: true } },
      course: { select: { id: true, slug: true, title: true, isPublished: true } },
    },
  });
  if (!quiz) throw new NotFoundError("There is no such quiz.");
  if (await canTeachCourse(viewer, quiz.course.id)) return { ...quiz, isTeacher: true };
  const isEnrolled =
    quiz.course.isPublished &&
    (await db.enrolment.findUnique({
      where: { userId_courseId: { userId: viewer.id, courseId: quiz.course.id } },
      select: { id: true },
    })) !== null;
  const refusal = quizRefusal({ isTeacher: false, isPublished: quiz.course.isPublished, isEnrolled });
  if (refusal) throw refusal;
  return { ...quiz, isTeacher: false };
}

/**
 * Why the viewer may not take a course's quizzes, or null when they may: its teachers always, others in a published
 * course they are enrolled in.
 */
export function quizRefusal({
  isTeacher,
  isPublished,
  isEnrolled,
}: {
  isTeacher: boolean;
  isPublished: boolean;
  isEnrolled: boolean;
}): NotFoundError | ForbiddenError | null {
  if (isTeacher) return null;
  if (!isPublished) return new NotFoundError("There is no such quiz.");
  if (!isEnrolled) return new ForbiddenError("Enrol in this course to take its quizzes.");
  return null;
}
export type AccessibleQuiz = Awaited<ReturnType<typeof requireQuizForViewer>>;

/** Whether an unsubmitted attempt is past its deadline and the grace period. */
export function isExpired(deadlineAt: Date | null, now: Date = new Date()): boolean {
  return deadlineAt !== null && now.getTime() > deadlineAt.getTime() + DEADLINE_GRACE_SECONDS * 1000;
}
