import { z } from "zod";
import { db } from "../db";
import { ConflictError } from "../errors";
import { parseInput } from "../validation";
import { drawQuestions } from "./draw-questions";
import { closeExpiredAttempts } from "./finalise-attempt";
import { isExpired, requireQuizForViewer, SlugSchema, type Viewer } from "./quiz-access";

export const StartAttemptInputSchema = z.object({
  /** The course the quiz belongs to. */
  courseSlug: SlugSchema,
  /** The lesson's slug for a lesson quiz, "final-exam" for the exam. */
  quizSlug: SlugSchema,
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
 * "start" twice must neither burn an attempt nor draw a fresh set of exam questions to shop among.
 * A timed quiz gets its deadline here, on the server; the browser's clock is only a display.
 */
export async function startAttempt(viewer: Viewer, input: unknown): Promise<StartedAttempt> {
  const { courseSlug, quizSlug } = parseInput(StartAttemptInputSchema, input, "That quiz could not be started.");
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

    if (quiz.maxAttempts !== null) {
      const used = await tx.quizAttempt.count({ where: { userId: viewer.id, quizId: quiz.id } });
      if (used >= quiz.maxAttempts)
        throw new ConflictError(`You have used all ${quiz.maxAttempts} attempts at this quiz.`);
    }
    const bank = await tx.quizQuestion.findMany({
      where: { quizId: quiz.id },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    if (bank.length === 0) throw new ConflictError("This quiz has no questions yet.");
    const questionIds = drawQuestions(
      bank.map((question) => question.id),
      quiz.drawCount,
    );
    const startedAt = new Date();
    const deadlineAt =
      quiz.timeLimitSeconds === null ? null : new Date(startedAt.getTime() + quiz.timeLimitSeconds * 1000);
    const created = await tx.quizAttempt.create({
      data: { quizId: quiz.id, userId: viewer.id, questionIds, startedAt, deadlineAt },
      select: { id: true },
    });
    return { attemptId: created.id, isResumed: false, lessonSlug };
  });
}
