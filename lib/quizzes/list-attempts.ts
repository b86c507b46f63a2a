import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { closeExpiredAttempts } from "./finalise-attempt";
import { isExpired, requireQuizForViewer, type Viewer } from "./quiz-access";

/**
 * A quiz as the viewer sees it before starting: its rules and the viewer's own attempts (never
 * anyone else's), newest first, with the attempt still open if there is one.
 */
export async function listAttempts(viewer: Viewer, courseSlug: string, quizSlug: string, locale: Locale) {
  const quiz = await requireQuizForViewer(viewer, courseSlug, quizSlug);
  const readAttempts = () =>
    db.quizAttempt.findMany({
      where: { userId: viewer.id, quizId: quiz.id },
      orderBy: { startedAt: "desc" },
      select: { id: true, score: true, maxScore: true, isPassed: true, startedAt: true, deadlineAt: true, submittedAt: true },
    });
  const questionCount = quiz._count.questions;
  const read = await readAttempts();
  // An attempt left open past its deadline is graded as it stands before it is listed; the
  // attempts just read show whether there is one, which spares most views the extra queries.
  const hasExpiredAttempt = read.some((attempt) => attempt.submittedAt === null && isExpired(attempt.deadlineAt));
  if (hasExpiredAttempt) await closeExpiredAttempts(viewer.id, quiz.id);
  const attempts = hasExpiredAttempt ? await readAttempts() : read;
  const rows = attempts.map((attempt) => ({
    id: attempt.id,
    startedAt: attempt.startedAt,
    submittedAt: attempt.submittedAt,
    deadlineAt: attempt.deadlineAt,
    isOpen: attempt.submittedAt === null && !isExpired(attempt.deadlineAt),
    percent: attempt.submittedAt === null ? null : attempt.maxScore ? ((attempt.score ?? 0) / attempt.maxScore) * 100 : 0,
    isPassed: attempt.isPassed ?? false,
  }));
  const graded = rows.filter((row) => row.percent !== null);
  return {
    quiz: {
      slug: quiz.slug,
      kind: quiz.kind,
      title: localize(quiz.title, locale),
      passPercent: quiz.passPercent,
      timeLimitSeconds: quiz.timeLimitSeconds,
      maxAttempts: quiz.maxAttempts,
      questionCount: quiz.drawCount === null ? questionCount : Math.min(quiz.drawCount, questionCount),
    },
    attempts: rows,
    openAttemptId: rows.find((row) => row.isOpen)?.id ?? null,
    bestPercent: graded.length === 0 ? null : Math.max(...graded.map((row) => row.percent ?? 0)),
    attemptsLeft: quiz.maxAttempts === null ? null : Math.max(0, quiz.maxAttempts - rows.length),
  };
}
export type QuizOverview = Awaited<ReturnType<typeof listAttempts>>;
