import { z } from "zod";
import { db } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { parseInput } from "../validation";
import { RawAnswersSchema } from "./question-data";
import { isExpired, type Viewer } from "./quiz-access";

export const SaveDraftInputSchema = z.object({
  /** The attempt being answered. */
  attemptId: z.string().regex(/^[a-z0-9]{10,40}$/, "That attempt does not exist."),
  /** Question id to the answer as it stands on the form; read and checked only on submission. */
  answers: RawAnswersSchema,
});

/**
 * Keeps the answers of the learner's own open attempt as they stand, so a reload or another
 * device finds them. Only for the attempt's questions, and only while it may still be submitted:
 * an answer saved after the deadline would otherwise count when the attempt closes by itself.
 */
export async function saveDraft(viewer: Viewer, input: unknown): Promise<{ savedAt: Date }> {
  const { attemptId, answers } = parseInput(SaveDraftInputSchema, input, "Your answers were not saved.");
  const attempt = await db.quizAttempt.findUnique({
    where: { id: attemptId },
    select: { userId: true, questionIds: true, deadlineAt: true, submittedAt: true },
  });
  if (!attempt || attempt.userId !== viewer.id) throw new NotFoundError("That attempt does not exist.");
  if (attempt.submittedAt || isExpired(attempt.deadlineAt))
    throw new ConflictError("This attempt is closed; its answers can no longer change.");
  const known = new Set(attempt.questionIds);
  if (Object.keys(answers).some((id) => !known.has(id)))
    throw new ValidationError("Your answers were not saved.", {
      answers: ["Some answers are for questions that are not part of this attempt."],
    });
  // Matched again on the update, so a submission between the read and the write wins.
  const { count } = await db.quizAttempt.updateMany({
    where: { id: attemptId, userId: viewer.id, submittedAt: null },
    data: { draftAnswers: answers },
  });
  if (count === 0) throw new ConflictError("This attempt is closed; its answers can no longer change.");
  return { savedAt: new Date() };
}
