import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { GradableQuestion } from "./grade";
import { StoredAnswerSchema, StoredChoicesSchema } from "./question-data";

type Client = Prisma.TransactionClient | typeof db;

/**
 * The questions of an attempt in the order drawn, with their answers: for grading and for the
 * result page only. A question removed from the content since the draw is skipped, so it counts
 * neither for nor against the learner.
 */
export async function loadAttemptQuestions(client: Client, quizId: string, questionIds: string[]) {
  const rows = await client.quizQuestion.findMany({
    where: { quizId, id: { in: questionIds } },
    select: { id: true, kind: true, points: true, prompt: true, choices: true, answer: true, explanation: true },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return questionIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const choices = StoredChoicesSchema.parse(row.choices);
    const gradable: GradableQuestion = {
      id,
      kind: row.kind,
      points: row.points,
      choiceIds: choices.map((choice) => choice.id),
      answer: StoredAnswerSchema.parse(row.answer),
    };
    return [{ ...gradable, prompt: row.prompt, choices, explanation: row.explanation }];
  });
}
export type AttemptQuestion = Awaited<ReturnType<typeof loadAttemptQuestions>>[number];
