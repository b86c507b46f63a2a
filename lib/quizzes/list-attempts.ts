import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import type { QuizKind } from "../generated/prisma/enums";
import { nextAttempt, type NextAttempt } from "./attempt-policy";
import { questionsPerAttempt, type BankQuestion } from "./draw-questions";
import { closeExpiredAttempts } from "./finalise-attempt";
import { isExpired, requireQuizForViewer, type Viewer } from "./quiz-access";

/** Why a new attempt may not start. */
export type StartBlock = Exclude<NextAttempt, { kind: "may_start" }>;

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
  cooldownMinutes: number;
  drawCount: number | null;
  questions: BankQuestion[];
}

/**
 * Whether an attempt left open past its deadline is among those read: it is graded as it stands
 * (closeExpiredAttempts) before it is listed. The attempts just read tell, which spares most views
 * the extra queries.
 */
export function hasExpiredAttempt(attempts: AttemptRow[]): boolean {
  return attempts.some((attempt) => attempt.submittedAt === null && isExpired(attempt.deadlineAt));
}

/**
 * A quiz's rules and the viewer's own attempts (newest first, as read), with the open one if any, and whether and
 * when they may start another.
 */
export function summariseAttempts(quiz: QuizRow, attempts: AttemptRow[], locale: Locale, isTeacher: boolean) {
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
  const next: NextAttempt = nextAttempt({ quiz, attempts, isTeacher });
  return {
    quiz: {
      slug: quiz.slug,
      kind: quiz.kind,
      title: localize(quiz.title, locale),
      passPercent: quiz.passPercent,
      timeLimitSeconds: quiz.timeLimitSeconds,
      maxAttempts: quiz.maxAttempts,
      cooldownMinutes: quiz.cooldownMinutes,
      questionCount: questionsPerAttempt(quiz.questions, quiz.drawCount),
    },
    attempts: rows,
    openAttemptId: rows.find((row) => row.isOpen)?.id ?? null,
    bestPercent: graded.length === 0 ? null : Math.max(...graded.map((row) => row.percent ?? 0)),
    attemptsLeft: quiz.maxAttempts === null || isTeacher ? null : Math.max(0, quiz.maxAttempts - rows.length),
    /** Why no new attempt may start now (null: one may, or one is open to continue). */
    startBlock: (rows.some((row) => row.isOpen) || next.kind === "may_start" ? null : next) satisfies StartBlock | null,
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
  if (!hasExpiredAttempt(read)) return summariseAttempts(quiz, read, locale, quiz.isTeacher);
  await closeExpiredAttempts(viewer.id, quiz.id);
  return summariseAttempts(quiz, await readAttempts(), locale, quiz.isTeacher);
}
export type QuizOverview = Awaited<ReturnType<typeof listAttempts>>;
