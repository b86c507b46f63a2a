import { z } from "zod";
import { LocaleSchema } from "../courses/content-schema";
import { issueCertificateIfEligible } from "../certificates/issue-certificate";
import { db } from "../db";
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from "../errors";
import { messagesFor } from "../i18n/messages";
import { parseInput } from "../validation";
import { finaliseAttempt } from "./finalise-attempt";
import { parseAnswer } from "./grade";
import { loadAttemptQuestions } from "./load-questions";
import { RawAnswersSchema, type StoredResponses } from "./question-data";
import { isExpired, type Viewer } from "./quiz-access";
import { logger } from "../log";

const AttemptIdSchema = z.string().regex(/^[a-z0-9]{10,40}$/, "That attempt does not exist.");

export const SubmitAttemptInputSchema = z.object({
  /** The attempt being answered. */
  attemptId: AttemptIdSchema,
  /** Question id to the learner's answer: a choice id, several choice ids, or a number as typed. */
  answers: RawAnswersSchema,
  /** Set when the clock ran out: unanswered or unreadable answers then count as wrong instead of being refused. */
  isTimeUp: z.boolean().default(false),
  /** The language to word any problems in. */
  locale: LocaleSchema.default("en"),
});

export interface SubmitAttemptResult {
  attemptId: string;
  /** True when the answers arrived after the deadline and were not counted. */
  isLate: boolean;
}

/**
 * Grades the learner's own open attempt on the server. Each answer is checked against its
 * question (a known choice, a readable number); all questions must be answered unless time is up.
 * Answers that arrive after the deadline (plus a short grace for the trip) are not counted.
 */
export async function submitAttempt(viewer: Viewer, input: unknown): Promise<SubmitAttemptResult> {
  const { attemptId, answers, isTimeUp, locale } = parseInput(
    SubmitAttemptInputSchema,
    input,
    "Your answers were not accepted.",
  );
  const words = messagesFor(locale).answerErrors;
  const attempt = await db.quizAttempt.findUnique({
    where: { id: attemptId },
    select: {
      id: true,
      userId: true,
      questionIds: true,
      deadlineAt: true,
      submittedAt: true,
      quiz: { select: { id: true, passPercent: true, lessonId: true, courseId: true } },
    },
  });
  // Someone else's attempt is indistinguishable from none at all.
  if (!attempt || attempt.userId !== viewer.id) throw new NotFoundError("That attempt does not exist.");
  if (attempt.submittedAt) throw new ConflictError("This attempt has already been submitted.");

  const isLate = isExpired(attempt.deadlineAt);
  const responses: StoredResponses = {};
  if (!isLate) {
    const questions = await loadAttemptQuestions(db, attempt.quiz.id, attempt.questionIds);
    const fieldErrors: FieldErrors = {};
    const known = new Set(questions.map((question) => question.id));
    if (Object.keys(answers).some((id) => !known.has(id))) fieldErrors.form = [words.foreign];
    for (const question of questions) {
      const parsed = parseAnswer(question, answers[question.id]);
      if ("response" in parsed) responses[question.id] = parsed.response;
      // When time is up there is no chance left to correct anything: what cannot be read counts
      // as unanswered rather than blocking the whole submission.
      else if (!isTimeUp) fieldErrors[question.id] = ["error" in parsed ? words[parsed.error] : words.blank];
    }
    if (Object.keys(fieldErrors).length > 0) {
      const count = Object.keys(fieldErrors).filter((key) => key !== "form").length;
      throw new ValidationError(count > 0 ? words.summary(count) : words.rejected, fieldErrors);
    }
  }

  const isFinalised = await db.$transaction((tx) => finaliseAttempt(tx, attempt, responses));
  if (!isFinalised) throw new ConflictError("This attempt has already been submitted.");
  // A quiz or the exam may be the last thing the course's pass rule was waiting for. A certificate
  // problem must not lose the graded attempt; the next result tries again (issuance is idempotent).
  await issueCertificateIfEligible(attempt.userId, attempt.quiz.courseId).catch((error: unknown) =>
    logger.warn({ err: error, attemptId: attempt.id }, "certificate check after a quiz failed"),
  );
  return { attemptId: attempt.id, isLate };
}
