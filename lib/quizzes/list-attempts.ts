import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import type { QuizKind } from "../generated/prisma/enums";
import { closeExpiredAttempts } from "./finalise-attempt";
import { isExpired, requireQuizForViewer, type Viewer } from "./quiz-access";

/** What summariseAttempts reads of each attempt. */
export const ATTEMPT_FIELDS = {
  id: true,
  score: true,
  maxScore: true,
  isPassed: true,
  startedAt: true,
  deadlineAt: true,
  submittedAt: true,
} as const;

interface AttemptRow {
  id: string;
  score: number | null;
  maxScore: number | null;
  isPassed: boolean | null;
  startedAt: Date;
  deadlineAt: Date | null;
  submittedAt: Date | null;
}

interface QuizRow {
  slug: string;
  kind: QuizKind;
  title: unknown;
  passPercent: number;
  timeLimitSeconds: number | null;
  maxAttempts: number | null;
  drawCount: number | null;
  _count: { questions: number };
}

/**
 * Whether an attempt left open past its deadline is among those read: it is graded as it stands
 * (closeExpiredAttempts) before it is listed. The attempts just read tell, which spares most views
 * the extra queries.
 */
export function hasExpiredAttempt(attempts: AttemptRow[]): boolean {
  return attempts.some((attempt) => attempt.submittedAt === null && isExpired(attempt.deadlineAt));
}

/** A quiz's rules and the viewer's own attempts (newest first, as read), with the open one if any. */
export function summariseAttempts(quiz: QuizRow, attempts: AttemptRow[], locale: Locale) {
  const rows = attempts.map((attempt) => ({
    id: attempt.id,
    startedAt: attempt.startedAt,
    submittedAt: attempt.submittedAt,
    deadlineAt: attempt.deadlineAt,
    isOpen: attempt.submittedAt === null && !isExpired(attempt.deadlineAt),
    percent:
      attempt.submittedAt === null ? null : attempt.maxScore ? ((attempt.score ?? 0) / attempt.maxScore) * 100 : 0,
    isPassed: attempt.isPassed ?? false,
  }));
  const graded = rows.filter((row) => row.percent !== null);
  const questionCount = quiz._count.questions;
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
      select: ATTEMPT_FIELDS,
    });
  const read = await readAttempts();
  if (!hasExpiredAttempt(read)) return summariseAttempts(quiz, read, locale);
  await closeExpiredAttempts(viewer.id, quiz.id);
  return summariseAttempts(quiz, await readAttempts(), locale);
}
export type QuizOverview = Awaited<ReturnType<typeof listAttempts>>;
