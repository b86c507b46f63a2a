// One attempt as its learner sees it. While it is open the questions carry no answers and no
// explanations (the types below make that impossible to get wrong); once submitted, everything.
import { z } from "zod";
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { NotFoundError } from "../errors";
import type { QuestionKind, QuizKind } from "../generated/prisma/enums";
import { closeExpiredAttempts } from "./finalise-attempt";
import { isCorrect } from "./grade";
import { loadAttemptQuestions, type AttemptQuestion } from "./load-questions";
import { StoredResponsesSchema, type QuestionResponse, type StoredAnswer } from "./question-data";
import type { Viewer } from "./quiz-access";

export interface QuestionView {
  id: string;
  kind: QuestionKind;
  points: number;
  /** Markdown with inline math. */
  prompt: string;
  choices: { id: string; text: string }[];
}

export interface QuestionResultView extends QuestionView {
  response: QuestionResponse | null;
  answer: StoredAnswer;
  isCorrect: boolean;
  /** Markdown with inline math. */
  explanation: string;
}

interface AttemptBase {
  id: string;
  quiz: {
    slug: string;
    kind: QuizKind;
    title: string;
    passPercent: number;
    timeLimitSeconds: number | null;
    lessonSlug: string | null;
  };
  course: { slug: string; title: string };
  startedAt: Date;
  deadlineAt: Date | null;
}

export interface OpenAttemptView extends AttemptBase {
  isOpen: true;
  questions: QuestionView[];
}

export interface SubmittedAttemptView extends AttemptBase {
  isOpen: false;
  submittedAt: Date;
  score: number;
  maxScore: number;
  percent: number;
  isPassed: boolean;
  questions: QuestionResultView[];
}

export type AttemptView = OpenAttemptView | SubmittedAttemptView;

const AttemptIdSchema = z.string().regex(/^[a-z0-9]{10,40}$/);

/** The viewer's own attempt `attemptId`; anyone else's is reported as missing. */
export async function getAttempt(viewer: Viewer, attemptId: string, locale: Locale): Promise<AttemptView> {
  if (!AttemptIdSchema.safeParse(attemptId).success) throw new NotFoundError("That attempt does not exist.");
  const owned = await db.quizAttempt.findUnique({ where: { id: attemptId }, select: { userId: true, quizId: true } });
  if (!owned || owned.userId !== viewer.id) throw new NotFoundError("That attempt does not exist.");
  await closeExpiredAttempts(viewer.id, owned.quizId);

  const attempt = await db.quizAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: {
      id: true,
      questionIds: true,
      answers: true,
      score: true,
      maxScore: true,
      isPassed: true,
      startedAt: true,
      deadlineAt: true,
      submittedAt: true,
      quiz: {
        select: {
          id: true,
          slug: true,
          kind: true,
          title: true,
          passPercent: true,
          timeLimitSeconds: true,
          lesson: { select: { slug: true } },
          course: { select: { slug: true, title: true } },
        },
      },
    },
  });
  const questions = await loadAttemptQuestions(db, attempt.quiz.id, attempt.questionIds);
  const base: AttemptBase = {
    id: attempt.id,
    quiz: {
      slug: attempt.quiz.slug,
      kind: attempt.quiz.kind,
      title: localize(attempt.quiz.title, locale),
      passPercent: attempt.quiz.passPercent,
      timeLimitSeconds: attempt.quiz.timeLimitSeconds,
      lessonSlug: attempt.quiz.lesson?.slug ?? null,
    },
    course: { slug: attempt.quiz.course.slug, title: localize(attempt.quiz.course.title, locale) },
    startedAt: attempt.startedAt,
    deadlineAt: attempt.deadlineAt,
  };
  const toView = (question: AttemptQuestion): QuestionView => ({
    id: question.id,
    kind: question.kind,
    points: question.points,
    prompt: localize(question.prompt, locale),
    choices: question.choices.map((choice) => ({ id: choice.id, text: localize(choice.text, locale) })),
  });
  if (!attempt.submittedAt) return { ...base, isOpen: true, questions: questions.map(toView) };

  const responses = StoredResponsesSchema.parse(attempt.answers ?? {});
  const score = attempt.score ?? 0;
  const maxScore = attempt.maxScore ?? 0;
  return {
    ...base,
    isOpen: false,
    submittedAt: attempt.submittedAt,
    score,
    maxScore,
    percent: maxScore === 0 ? 0 : (score / maxScore) * 100,
    isPassed: attempt.isPassed ?? false,
    questions: questions.map((question) => {
      const response = responses[question.id] ?? null;
      return {
        ...toView(question),
        response,
        answer: question.answer,
        isCorrect: isCorrect(question.answer, response ?? undefined),
        explanation: localize(question.explanation, locale),
      };
    }),
  };
}
