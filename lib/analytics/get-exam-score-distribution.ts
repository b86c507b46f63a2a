// The score distribution of a course's exams: each learner's best submitted attempt, in percent,
// counted in ten-point bins, and how many passed by the grader's own verdict (QuizAttempt.isPassed).
// Postgres reduces the attempts to one best score per learner.
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { requireTaughtCourse, type Viewer } from "../instructor/course-access";
import { percentHistogram, quantile } from "./statistics";

/** The exam score histogram of a course `viewer` teaches, one per exam. */
export async function getExamScoreDistribution({
  viewer,
  courseSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  locale?: Locale;
}) {
  const course = await requireTaughtCourse(viewer, courseSlug, locale);
  const exams = await db.quiz.findMany({
    where: { courseId: course.id, kind: "EXAM" },
    orderBy: { slug: "asc" },
    select: { id: true, slug: true, title: true, passPercent: true },
  });
  const best = await db.$queryRaw<{ quizId: string; percent: number; isPassed: boolean }[]>`
    SELECT qa."quizId", max(100 * qa.score / qa."maxScore")::float8 AS percent,
      coalesce(bool_or(qa."isPassed"), false) AS "isPassed"
    FROM "QuizAttempt" qa
    JOIN "Quiz" q ON q.id = qa."quizId"
    JOIN "Enrolment" e ON e."userId" = qa."userId" AND e."courseId" = q."courseId" AND e.role = 'LEARNER'
    WHERE q."courseId" = ${course.id} AND q.kind = 'EXAM'
      AND qa."submittedAt" IS NOT NULL AND qa.score IS NOT NULL AND qa."maxScore" > 0
    GROUP BY qa."quizId", qa."userId"`;
  return {
    course,
    exams: exams.map((exam) => {
      const rows = best.filter((row) => row.quizId === exam.id);
      const percents = rows.map((row) => Number(row.percent));
      return {
        slug: exam.slug,
        title: localize(exam.title, locale),
        passPercent: exam.passPercent,
        learners: percents.length,
        /** Learners with a passing attempt, as the quiz grader decided it. */
        passed: rows.filter((row) => row.isPassed).length,
        median: quantile(percents, 0.5),
        bins: percentHistogram(percents),
      };
    }),
  };
}
export type ExamScoreDistribution = Awaited<ReturnType<typeof getExamScoreDistribution>>;
