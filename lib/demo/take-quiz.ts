// One real attempt at a quiz or the timed exam, made through the same lib/ calls the quiz pages
// use: started (which draws the questions and sets the exam's deadline), answered, submitted.
import { db } from "../db";
import { getAttempt } from "../quizzes/get-attempt";
import type { Viewer } from "../quizzes/quiz-access";
import { startAttempt } from "../quizzes/start-attempt";
import { submitAttempt } from "../quizzes/submit-attempt";
import type { TypedAnswer } from "./answer-key";

export interface TakeQuizOptions {
  learner: Viewer;
  courseSlug: string;
  quizSlug: string;
  /** Question key (the content file's id) to the answer to give. */
  answers: Map<string, TypedAnswer>;
}

/** Takes the quiz (resuming an attempt left open) and returns the attempt's score in percent. */
export async function takeQuiz({ learner, courseSlug, quizSlug, answers }: TakeQuizOptions): Promise<number> {
  const { attemptId } = await startAttempt(learner, { courseSlug, quizSlug });
  const open = await getAttempt(learner, attemptId, "en");
  const keys = await db.quizQuestion.findMany({
    where: { id: { in: open.questions.map((question) => question.id) } },
    select: { id: true, key: true },
  });
  const typed: Record<string, TypedAnswer> = {};
  for (const { id, key } of keys) {
    const answer = answers.get(key);
    // A question edited in the web app since the files were imported has no answer here.
    if (answer === undefined) throw new Error(`the course files have no answer to question "${key}" of ${quizSlug}`);
    typed[id] = answer;
  }
  await submitAttempt(learner, { attemptId, answers: typed });
  const submitted = await getAttempt(learner, attemptId, "en");
  if (submitted.isOpen) throw new Error(`the attempt at ${quizSlug} is still open after submitting it`);
  return submitted.percent;
}
