// Item analysis of every quiz and exam of a course: for each question, how many learners answered it,
// its difficulty (proportion correct), its discrimination (point-biserial correlation of the item with
// the rest of the attempt, lib/analytics/statistics.ts), how often each choice was picked, and the
// flags of a question that looks wrong. Each learner's FIRST submitted attempt at a quiz is the one
// analysed: later attempts come after the feedback on the first and would make items look easy.
// Attempts are scored by the quiz grader itself (lib/quizzes/grade.ts), so an item counts as right
// exactly when the learner's grade counted it.
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { requireTaughtCourse, type Viewer } from "../instructor/course-access";
import { gradeResponses, type GradableQuestion } from "../quizzes/grade";
import { StoredAnswerSchema, StoredChoicesSchema, StoredResponsesSchema } from "../quizzes/question-data";
import { itemDifficulty, itemFlags, pointBiserial, type ChoiceCount } from "./statistics";

interface ItemTally {
  question: GradableQuestion & { key: string; prompt: string; choices: { id: string; text: string }[] };
  pairs: { isCorrect: boolean; rest: number }[];
  blanks: number;
  picks: Map<string, number>;
}

/** Item statistics of each quiz and exam of a course `viewer` teaches. */
export async function getQuizItemStatistics({
  viewer,
  courseSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  locale?: Locale;
}) {
  const course = await requireTaughtCourse(viewer, courseSlug, locale);
  const quizzes = await db.quiz.findMany({
    where: { courseId: course.id },
    orderBy: [{ kind: "asc" }, { lesson: { position: "asc" } }, { slug: "asc" }],
    select: {
      id: true,
      slug: true,
      kind: true,
      title: true,
      questions: {
        orderBy: { position: "asc" },
        select: { id: true, key: true, kind: true, points: true, prompt: true, choices: true, answer: true },
      },
    },
  });

  const results = [];
  // One quiz at a time, so at most one quiz's first attempts (one per learner) are held at once.
  for (const quiz of quizzes) {
    const tallies = new Map<string, ItemTally>();
    for (const row of quiz.questions) {
      const choices = StoredChoicesSchema.parse(row.choices);
      tallies.set(row.id, {
        question: {
          id: row.id,
          key: row.key,
          kind: row.kind,
          points: row.points,
          choiceIds: choices.map((choice) => choice.id),
          answer: StoredAnswerSchema.parse(row.answer),
          /** Markdown, as the quiz page renders it. */
          prompt: localize(row.prompt, locale),
          choices: choices.map((choice) => ({ id: choice.id, text: localize(choice.text, locale) })),
        },
        pairs: [],
        blanks: 0,
        picks: new Map(),
      });
    }
    const attempts = await db.$queryRaw<{ questionIds: string[]; answers: unknown }[]>`
      SELECT DISTINCT ON (qa."userId") qa."questionIds", qa.answers
      FROM "QuizAttempt" qa
      JOIN "Enrolment" e ON e."userId" = qa."userId" AND e."courseId" = ${course.id} AND e.role = 'LEARNER'
      WHERE qa."quizId" = ${quiz.id} AND qa."submittedAt" IS NOT NULL
      ORDER BY qa."userId", qa."submittedAt", qa.id`;
    for (const attempt of attempts) {
      // An attempt whose answers no longer read (edited by hand) says nothing reliable about its items.
      const responses = StoredResponsesSchema.safeParse(attempt.answers ?? {});
      if (!responses.success) continue;
      const drawn = attempt.questionIds.flatMap((id) => tallies.get(id) ?? []);
      const grade = gradeResponses(
        drawn.map((tally) => tally.question),
        responses.data,
        0,
      );
      const correct = new Set(grade.correctIds);
      for (const tally of drawn) {
        const { question } = tally;
        const isCorrect = correct.has(question.id);
        const restMax = grade.maxScore - question.points;
        const rest = (grade.score - (isCorrect ? question.points : 0)) / (restMax > 0 ? restMax : 1);
        tally.pairs.push({ isCorrect, rest: restMax > 0 ? rest : 0 });
        const response = responses.data[question.id];
        if (!response) tally.blanks += 1;
        else if ("choices" in response)
          for (const choiceId of response.choices) tally.picks.set(choiceId, (tally.picks.get(choiceId) ?? 0) + 1);
      }
    }
    results.push({
      slug: quiz.slug,
      kind: quiz.kind,
      title: localize(quiz.title, locale),
      learners: attempts.length,
      items: [...tallies.values()].map((tally) => {
        const { question } = tally;
        const keys = "choices" in question.answer ? new Set(question.answer.choices) : new Set<string>();
        const choices: (ChoiceCount & { text: string })[] = question.choices.map((choice) => ({
          choiceId: choice.id,
          text: choice.text,
          isKey: keys.has(choice.id),
          count: tally.picks.get(choice.id) ?? 0,
        }));
        const difficulty = itemDifficulty(tally.pairs.map((pair) => pair.isCorrect));
        const discrimination = pointBiserial(tally.pairs);
        const responses = tally.pairs.length;
        return {
          key: question.key,
          kind: question.kind,
          prompt: question.prompt,
          /** Learners whose first attempt drew this question, blanks included. */
          responses,
          blanks: tally.blanks,
          difficulty,
          discrimination,
          choices,
          flags: itemFlags({ responses, difficulty, discrimination, choices }),
        };
      }),
    });
  }
  return { course, quizzes: results };
}
export type QuizItemStatistics = Awaited<ReturnType<typeof getQuizItemStatistics>>;
