// What the course page and the lesson pages show one viewer: the syllabus, the pass rule, and
// (for a signed-in viewer) their own progress. Strangers see the syllabus and the way to enrol.
import { z } from "zod";
import type { CurrentUser } from "../auth";
import { lessonDescription } from "../content-render/lesson-description";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { ATTEMPT_FIELDS, hasExpiredAttempt, listAttempts, summariseAttempts } from "../quizzes/list-attempts";
import { QUIZ_RULE_FIELDS, quizRefusal } from "../quizzes/quiz-access";
import { canTeachCourse, teachesCourse } from "./roles";
import { LocalizedTextSchema, PassRuleSchema, type Locale } from "./content-schema";
import { localize } from "./localize";

type Viewer = Pick<CurrentUser, "id" | "role">;

const SlugSchema = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/** The exam's quiz slug; lib/courses/import-course.ts gives every course's exam this one. */
export const EXAM_SLUG = "final-exam";

/** The course itself, unless it is unpublished and the viewer does not teach it. */
async function requireVisible<T extends { id: string; isPublished: boolean }>(
  viewer: Viewer | null,
  course: T | null,
): Promise<T> {
  if (!course) throw new NotFoundError("There is no such course.");
  if (!course.isPublished && !(viewer && (await canTeachCourse(viewer, course.id))))
    throw new NotFoundError("There is no such course.");
  return course;
}

async function findVisibleCourse(viewer: Viewer | null, courseSlug: string) {
  if (!SlugSchema.safeParse(courseSlug).success) throw new NotFoundError("There is no such course.");
  const course = await db.course.findUnique({
    where: { slug: courseSlug },
    select: { id: true, slug: true, title: true, summary: true, passRule: true, deadline: true, isPublished: true },
  });
  return requireVisible(viewer, course);
}

function percentOf(score: number | null, maxScore: number | null): number | null {
  return score === null || !maxScore ? null : (score / maxScore) * 100;
}

export async function getCoursePage(viewer: Viewer | null, courseSlug: string, locale: Locale) {
  const course = await findVisibleCourse(viewer, courseSlug);
  const userId = viewer?.id ?? null;
  const [lessons, labs, exam, enrolment, isTeacher] = await Promise.all([
    db.lesson.findMany({
      where: { courseId: course.id },
      orderBy: { position: "asc" },
      select: {
        id: true,
        slug: true,
        title: true,
        progress: userId ? { where: { userId }, select: { completedAt: true } } : false,
        quizzes: {
          where: { kind: "LESSON" },
          select: {
            id: true,
            attempts: userId
              ? { where: { userId, submittedAt: { not: null } }, select: { score: true, maxScore: true } }
              : false,
          },
        },
      },
    }),
    db.assignment.findMany({
      where: { courseId: course.id },
      orderBy: [{ position: "asc" }, { slug: "asc" }],
      select: {
        slug: true,
        title: true,
        isGraded: true,
        submissions: userId ? { where: { userId, status: "PASSED" }, select: { id: true }, take: 1 } : false,
      },
    }),
    db.quiz.findUnique({
      where: { courseId_slug: { courseId: course.id, slug: EXAM_SLUG } },
      select: {
        slug: true,
        title: true,
        drawCount: true,
        timeLimitSeconds: true,
        passPercent: true,
        maxAttempts: true,
        attempts: userId ? { where: { userId }, select: { score: true, maxScore: true, submittedAt: true } } : false,
      },
    }),
    userId
      ? db.enrolment.findUnique({ where: { userId_courseId: { userId, courseId: course.id } }, select: { role: true } })
      : null,
    viewer ? canTeachCourse(viewer, course.id) : false,
  ]);

  const bestOf = (attempts: { score: number | null; maxScore: number | null }[] | undefined) => {
    const percents = (attempts ?? [])
      .map((attempt) => percentOf(attempt.score, attempt.maxScore))
      .filter((value): value is number => value !== null);
    return percents.length === 0 ? null : Math.max(...percents);
  };
  const passRule = PassRuleSchema.safeParse(course.passRule);
  const lessonRows = lessons.map((lesson) => ({
    slug: lesson.slug,
    title: localize(lesson.title, locale),
    isCompleted: (lesson.progress ?? []).length > 0,
    bestQuizPercent: bestOf(lesson.quizzes.flatMap((quiz) => quiz.attempts ?? [])),
  }));
  const labRows = labs.map((lab) => ({
    slug: lab.slug,
    title: localize(lab.title, locale),
    isGraded: lab.isGraded,
    isPassed: (lab.submissions ?? []).length > 0,
    isRequired: passRule.success && passRule.data.requiredLabs.includes(lab.slug),
  }));

  return {
    slug: course.slug,
    title: localize(course.title, locale),
    summary: localize(course.summary, locale),
    deadline: course.deadline,
    passRule: passRule.success ? passRule.data : null,
    enrolmentRole: enrolment?.role ?? null,
    canTakeQuizzes: Boolean(enrolment) || isTeacher,
    lessons: lessonRows,
    labs: labRows,
    exam: exam && {
      slug: exam.slug,
      title: localize(exam.title, locale),
      drawCount: exam.drawCount,
      timeLimitSeconds: exam.timeLimitSeconds,
      passPercent: exam.passPercent,
      maxAttempts: exam.maxAttempts,
      attemptsUsed: (exam.attempts ?? []).length,
      bestPercent: bestOf((exam.attempts ?? []).filter((attempt) => attempt.submittedAt !== null)),
    },
    progress: {
      lessonsCompleted: lessonRows.filter((lesson) => lesson.isCompleted).length,
      labsPassed: labRows.filter((lab) => lab.isRequired && lab.isPassed).length,
      // The rule may name labs not yet published; they still count as required.
      labsRequired: passRule.success ? passRule.data.requiredLabs.length : 0,
    },
  };
}
export type CoursePage = Awaited<ReturnType<typeof getCoursePage>>;

const LessonBodySchema = LocalizedTextSchema.partial();

/**
 * What every reader of a lesson sees alike, signed in or not: the lesson and its neighbours. A
 * published course's lessons are open to anyone (the quiz and progress need an account, and
 * getLessonReaderState has those); an unpublished course's only to its teachers. Nothing here
 * depends on who reads it, so the web server may share one rendering of a published course's lesson.
 */
export async function getLessonContent(viewer: Viewer | null, courseSlug: string, lessonSlug: string, locale: Locale) {
  if (!SlugSchema.safeParse(courseSlug).success) throw new NotFoundError("There is no such course.");
  if (!SlugSchema.safeParse(lessonSlug).success) throw new NotFoundError("There is no such lesson.");
  const course = await requireVisible(
    viewer,
    await db.course.findUnique({
      where: { slug: courseSlug },
      select: {
        id: true,
        slug: true,
        title: true,
        isPublished: true,
        lessons: { orderBy: { position: "asc" }, select: { id: true, slug: true, title: true } },
      },
    }),
  );
  const lessons = course.lessons;
  const index = lessons.findIndex((lesson) => lesson.slug === lessonSlug);
  const summary = lessons[index];
  if (!summary) throw new NotFoundError("There is no such lesson.");
  const lesson = await db.lesson.findUniqueOrThrow({ where: { id: summary.id }, select: { body: true } });
  const bodies = LessonBodySchema.parse(lesson.body);
  const neighbour = (at: number) => {
    const found = lessons[at];
    return found ? { slug: found.slug, title: localize(found.title, locale) } : null;
  };
  const body = bodies[locale] ?? bodies.en ?? "";
  return {
    course: { slug: course.slug, title: localize(course.title, locale), isPublished: course.isPublished },
    slug: summary.slug,
    number: index + 1,
    title: localize(summary.title, locale),
    body,
    description: lessonDescription(body),
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
  };
}
export type LessonContent = Awaited<ReturnType<typeof getLessonContent>>;

/**
 * What is one reader's own on a lesson page: whether they completed it and, when they may take it,
 * its quiz with their attempts. Asked for on every lesson view, so in one query; the rules are the
 * ones every other read of courses and quizzes applies (teachesCourse, quizRefusal).
 */
export async function getLessonReaderState(viewer: Viewer, courseSlug: string, lessonSlug: string, locale: Locale) {
  if (!SlugSchema.safeParse(courseSlug).success) throw new NotFoundError("There is no such course.");
  if (!SlugSchema.safeParse(lessonSlug).success) throw new NotFoundError("There is no such lesson.");
  const course = await db.course.findUnique({
    where: { slug: courseSlug },
    select: {
      slug: true,
      isPublished: true,
      enrolments: { where: { userId: viewer.id }, select: { role: true } },
      lessons: {
        where: { slug: lessonSlug },
        select: {
          progress: { where: { userId: viewer.id }, select: { completedAt: true } },
          quizzes: {
            where: { kind: "LESSON" },
            take: 1,
            select: {
              ...QUIZ_RULE_FIELDS,
              attempts: { where: { userId: viewer.id }, orderBy: { startedAt: "desc" }, select: ATTEMPT_FIELDS },
            },
          },
        },
      },
    },
  });
  const enrolment = course?.enrolments[0] ?? null;
  const isTeacher = teachesCourse(viewer, enrolment?.role ?? null);
  if (!course || (!course.isPublished && !isTeacher)) throw new NotFoundError("There is no such course.");
  const lesson = course.lessons[0];
  if (!lesson) throw new NotFoundError("There is no such lesson.");
  const isCompleted = lesson.progress.length > 0;
  const quizRow = lesson.quizzes[0];
  if (!quizRow) return { isCompleted, mustEnrolForQuiz: false, quiz: null };
  // A reader who may not take the quiz (not enrolled) sees the lesson without it, and why.
  if (quizRefusal({ isTeacher, isPublished: course.isPublished, isEnrolled: enrolment !== null }))
    return { isCompleted, mustEnrolForQuiz: true, quiz: null };
  // Rarely, an attempt left open past its deadline must be graded first: the quizzes' own path does that.
  const quiz = hasExpiredAttempt(quizRow.attempts)
    ? await listAttempts(viewer, course.slug, quizRow.slug, locale)
    : summariseAttempts(quizRow, quizRow.attempts, locale, isTeacher);
  return { isCompleted, mustEnrolForQuiz: false, quiz };
}
