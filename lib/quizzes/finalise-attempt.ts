import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { recordLtiScoreJob } from "../queue/lti-score-outbox";
import { gradeResponses, readableResponses } from "./grade";
import { loadAttemptQuestions } from "./load-questions";
import { RawAnswersSchema, type StoredResponses } from "./question-data";
import { isExpired } from "./quiz-access";

interface AttemptToFinalise {
  id: string;
  userId: string;
  questionIds: string[];
  quiz: { id: string; passPercent: number; lessonId: string | null; courseId: string };
}

/**
 * Grades an attempt and closes it, once: the update only matches while the attempt is still open,
 * so a double click or two tabs cannot grade it twice. Returns false when it was already closed.
 * Passing a lesson's quiz is what marks the lesson complete.
 */
export async function finaliseAttempt(
  tx: Prisma.TransactionClient,
  attempt: AttemptToFinalise,
  responses: StoredResponses,
): Promise<boolean> {
  const questions = await loadAttemptQuestions(tx, attempt.quiz.id, attempt.questionIds);
  const grade = gradeResponses(questions, responses, attempt.quiz.passPercent);
  const { count } = await tx.quizAttempt.updateMany({
    where: { id: attempt.id, submittedAt: null },
    data: {
      answers: responses,
      score: grade.score,
      maxScore: grade.maxScore,
      isPassed: grade.isPassed,
      submittedAt: new Date(),
    },
  });
  if (count === 0) return false;
  // The LMS gets the quiz's (and the course's) new score; the issuer's relay enqueues it.
  await recordLtiScoreJob(tx, { userId: attempt.userId, courseId: attempt.quiz.courseId });
  if (grade.isPassed && attempt.quiz.lessonId) {
    await tx.lessonProgress.upsert({
      where: { userId_lessonId: { userId: attempt.userId, lessonId: attempt.quiz.lessonId } },
      create: { userId: attempt.userId, lessonId: attempt.quiz.lessonId },
      update: {},
    });
  }
  return true;
}

/**
 * Closes `userId`'s attempts at `quizId` whose time ran out without a submission, graded on the
 * answers saved while it was open (lib/quizzes/save-draft.ts), as a submission when time is up
 * would be. The browser submits by itself when the clock reaches zero, so this only happens when
 * the learner left the page.
 */
export async function closeExpiredAttempts(userId: string, quizId: string): Promise<void> {
  const open = await db.quizAttempt.findMany({
    where: { userId, quizId, submittedAt: null, deadlineAt: { not: null } },
    select: {
      id: true,
      userId: true,
      questionIds: true,
      deadlineAt: true,
      draftAnswers: true,
      quiz: { select: { id: true, passPercent: true, lessonId: true, courseId: true } },
    },
  });
  for (const attempt of open.filter((candidate) => isExpired(candidate.deadlineAt))) {
    const questions = await loadAttemptQuestions(db, attempt.quiz.id, attempt.questionIds);
    // A draft that no longer reads (edited by hand in the database) counts as no answers rather than blocking the close.
    const draft = RawAnswersSchema.catch({}).parse(attempt.draftAnswers ?? {});
    await db.$transaction((tx) => finaliseAttempt(tx, attempt, readableResponses(questions, draft)));
  }
}
