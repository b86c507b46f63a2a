// The JSON columns of QuizQuestion and QuizAttempt, as lib/courses/import-course.ts writes them.
// They are parsed on every read so a malformed row fails loudly instead of grading wrongly.
import { z } from "zod";
import { LocalizedTextSchema } from "../courses/content-schema";

/** QuizQuestion.choices: the options of a SINGLE or MULTIPLE question, in display order. */
export const StoredChoicesSchema = z.array(z.object({ id: z.string(), text: LocalizedTextSchema }));

/** QuizQuestion.answer. Never leaves the server before the attempt is submitted. */
export const StoredAnswerSchema = z.union([
  /** SINGLE and MULTIPLE: ids of the correct choices (exactly one for SINGLE). */
  z.object({ choices: z.array(z.string()).min(1) }),
  /** NUMERIC: the value and the accepted absolute difference. */
  z.object({ value: z.number(), tolerance: z.number().min(0) }),
]);
export type StoredAnswer = z.infer<typeof StoredAnswerSchema>;

/** One learner response as stored in QuizAttempt.answers; unanswered questions have no entry. */
export const ResponseSchema = z.union([
  z.object({ choices: z.array(z.string()).min(1) }),
  z.object({ value: z.number() }),
]);
export type QuestionResponse = z.infer<typeof ResponseSchema>;

/** QuizAttempt.answers: question id to response. */
export const StoredResponsesSchema = z.record(z.string(), ResponseSchema);
export type StoredResponses = z.infer<typeof StoredResponsesSchema>;

/** One answer as the form holds it: a choice id, several choice ids, or the typed text of a number. */
export const RawAnswerSchema = z.union([z.string().max(100), z.number(), z.array(z.string().max(40)).max(20)]);

/** Question id to the learner's raw answer: what the form submits, and QuizAttempt.draftAnswers. */
export const RawAnswersSchema = z
  .record(z.string().max(40), RawAnswerSchema)
  .refine((answers) => Object.keys(answers).length <= 200, "too many answers");
export type RawAnswers = z.infer<typeof RawAnswersSchema>;
