import { z } from "zod";
import { LocaleSchema } from "../courses/content-schema";
import { db } from "../db";
import { ConflictError } from "../errors";
import { formatUtc, messagesFor } from "../i18n/messages";
import { parseInput } from "../validation";
import { nextAttempt } from "./attempt-policy";
import { drawQuestions, newShuffleSeed } from "./draw-questions";
import { closeExpiredAttempts } from "./finalise-attempt";
import { isExpired, requireQuizForViewer, SlugSchema, type Viewer } from "./quiz-access";

export const StartAttemptInputSchema = z.object({
  /** The course the quiz belongs to. */
  courseSlug: SlugSchema,
  /** The lesson's slug for a lesson quiz, "final-exam" for the exam. */
  quizSlug: SlugSchema,
  /** The language to word a refusal in. */
  locale: LocaleSchema.default("en"),
});

export interface StartedAttempt {
  attemptId: string;
  /** True when an attempt that was still open is returned instead of a new one. */
  isResumed: boolean;
  /** The lesson a lesson quiz belongs to; null for the exam. */
  lessonSlug: string | null;
}

/**
 * Starts an attempt at a quiz, or returns the one still open: reloading the page or pressing
 * "start" twice must neither burn an attempt nor draw a fresh set of questions to shop among.
 * A new attempt must be allowed by the quiz's limits (lib/quizzes/attempt-policy.ts); it gets a
 * seed of its own, which draws its variants and orders its questions and choices.
 * A timed quiz gets its deadline here, on the server; the browser's clock is only a display.
 */
export async function startAttempt(viewer: Viewer, input: unknown): Promise<StartedAttempt> {
  const { courseSlug, quizSlug, locale } = parseInput(
    StartAttemptInputSchema,
    input,
    "That quiz could not be started.",
  );
  const words = messagesFor(locale).quiz;
  const quiz = await requireQuizForViewer(viewer, courseSlug, quizSlug);
  await closeExpiredAttempts(viewer.id, quiz.id);
  const lessonSlug = quiz.lesson?.slug ?? null;

  return db.$transaction(async (tx) => {
    // One start at a time per learner, so two tabs cannot both take the last attempt.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${viewer.id} FOR UPDATE`;
    const open = await tx.quizAttempt.findFirst({
      where: { userId: viewer.id, quizId: quiz.id, submittedAt: null },
      orderBy: { startedAt: "desc" },
      select: { id: true, deadlineAt: true },
    });
    if (open && !isExpired(open.deadlineAt)) return { attemptId: open.id, isResumed: true, lessonSlug };

    const attempts = await tx.quizAttempt.findMany({
      where: { userId: viewer.id, quizId: quiz.id },
      select: { submittedAt: true, isPassed: true },
    });
    const next = nextAttempt({ quiz, attempts, isTeacher: quiz.isTeacher });
    if (next.kind === "passed") throw new ConflictError(words.alreadyPassed);
    if (next.kind === "used_up") throw new ConflictError(words.usedUp(next.maxAttempts));
    if (next.kind === "cooling_down") throw new ConflictError(words.coolingDown(formatUtc(next.opensAt)));

    const bank = await tx.quizQuestion.findMany({
      where: { quizId: quiz.id },
      orderBy: { position: "asc" },
      select: { id: true, variantGroup: true },
    });
    if (bank.length === 0) throw new ConflictError("This quiz has no questions yet.");
    const shuffleSeed = newShuffleSeed();
    const questionIds = drawQuestions(bank, quiz.drawCount, shuffleSeed);
    const startedAt = new Date();
    const deadlineAt =
      quiz.timeLimitSeconds === null ? null : new Date(startedAt.getTime() + quiz.timeLimitSeconds * 1000);
    const created = await tx.quizAttempt.create({
      data: { quizId: quiz.id, userId: viewer.id, questionIds, shuffleSeed, startedAt, deadlineAt },
      select: { id: true },
    });
    return { attemptId: created.id, isResumed: false, lessonSlug };
  });
}
