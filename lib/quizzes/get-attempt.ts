// One attempt as its learner sees it. While it is open the questions carry no answers and no
// explanations (the types below make that impossible to get wrong), only the learner's own saved
// answers. Once submitted: which answers were right and why, and the correct answers only when
// lib/quizzes/attempt-policy.ts allows (the quiz passed or its attempts used up).
import { z } from "zod";
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { NotFoundError } from "../errors";
import type { QuestionKind, QuizKind } from "../generated/prisma/enums";
import { canTeachCourse } from "../courses/roles";
import { isKeyShown } from "./attempt-policy";
import { orderChoices } from "./draw-questions";
import { closeExpiredAttempts } from "./finalise-attempt";
import { isCorrect } from "./grade";
import { loadAttemptQuestions, type AttemptQuestion } from "./load-questions";
import {
  RawAnswersSchema,
  StoredResponsesSchema,
  type QuestionResponse,
  type RawAnswers,
  type StoredAnswer,
} from "./question-data";
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
  /** The correct answer; null while the key is hidden. */
  answer: StoredAnswer | null;
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
  /** The answers saved so far, as typed, for this attempt's questions only. */
  draft: RawAnswers;
}

export interface SubmittedAttemptView extends AttemptBase {
  isOpen: false;
  submittedAt: Date;
  score: number;
  maxScore: number;
  percent: number;
  isPassed: boolean;
  /** Whether the questions carry their correct answers. */
  isKeyShown: boolean;
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
      shuffleSeed: true,
      draftAnswers: true,
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
          maxAttempts: true,
          cooldownMinutes: true,
          lesson: { select: { slug: true } },
          course: { select: { id: true, slug: true, title: true } },
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
    choices: orderChoices(attempt.shuffleSeed, question.id, question.choices).map((choice) => ({
      id: choice.id,
      text: localize(choice.text, locale),
    })),
  });
  if (!attempt.submittedAt) {
    const saved = RawAnswersSchema.catch({}).parse(attempt.draftAnswers ?? {});
    const draft = Object.fromEntries(questions.flatMap(({ id }) => (saved[id] === undefined ? [] : [[id, saved[id]]])));
    return { ...base, isOpen: true, questions: questions.map(toView), draft };
  }

  const [isTeacher, attempts] = await Promise.all([
    canTeachCourse(viewer, attempt.quiz.course.id),
    db.quizAttempt.findMany({
      where: { userId: viewer.id, quizId: attempt.quiz.id },
      select: { submittedAt: true, isPassed: true },
    }),
  ]);
  const showsKey = isKeyShown({ quiz: attempt.quiz, attempts, isTeacher });

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
    isKeyShown: showsKey,
    questions: questions.map((question) => {
      const response = responses[question.id] ?? null;
      return {
        ...toView(question),
        response,
        answer: showsKey ? question.answer : null,
        isCorrect: isCorrect(question.answer, response ?? undefined),
        explanation: localize(question.explanation, locale),
      };
    }),
  };
}
