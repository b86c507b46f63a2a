// The shape of the course files under content/courses/<course>/. Every file is parsed with these
// schemas at import time and in a test, so a broken file can never reach a learner.
import { z } from "zod";

export const LOCALES = ["en", "zh-CN"] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

/** Text in every supported language; both are required. */
export const LocalizedTextSchema = z.object({
  /** English. */
  en: z.string().trim().min(1),
  /** Simplified Chinese. */
  "zh-CN": z.string().trim().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const SlugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slugs are lower-case words joined by hyphens");

const ChoiceSchema = z.object({
  /** Stable id of the choice within its question (a, b, c, ...). */
  id: z.string().regex(/^[a-z0-9]+$/),
  /** What the learner reads. */
  text: LocalizedTextSchema,
});

const QuestionBaseSchema = z.object({
  /** Stable id within the quiz; re-imports update the question with this id. */
  id: SlugSchema,
  /** The question, Markdown with inline math ($...$). */
  prompt: LocalizedTextSchema,
  /** Why the right answer is right (and the tempting wrong one wrong), shown after answering. */
  explanation: LocalizedTextSchema,
  /** Weight of the question in the quiz score. */
  points: z.number().int().min(1).max(10).default(1),
  /**
   * Optional variant group: questions sharing a group ask about one idea in different words or numbers, and each
   * attempt draws one of them. Questions without a group are in every attempt.
   */
  group: SlugSchema.optional(),
});

export const QuestionSchema = z
  .discriminatedUnion("kind", [
    QuestionBaseSchema.extend({
      kind: z.literal("single"),
      choices: z.array(ChoiceSchema).min(2).max(8),
      /** Id of the one correct choice. */
      answer: z.string(),
    }),
    QuestionBaseSchema.extend({
      kind: z.literal("multiple"),
      choices: z.array(ChoiceSchema).min(2).max(8),
      /** Ids of every correct choice; the learner must pick exactly these. */
      answer: z.array(z.string()).min(1),
    }),
    QuestionBaseSchema.extend({
      kind: z.literal("numeric"),
      /** The correct value. */
      answer: z.number(),
      /** Accepted absolute difference from the answer. */
      tolerance: z.number().min(0).default(0),
    }),
  ])
  .superRefine((question, ctx) => {
    if (question.kind === "numeric") return;
    const ids = question.choices.map((choice) => choice.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", message: "choice ids must be unique" });
    const answers = question.kind === "single" ? [question.answer] : question.answer;
    for (const answer of answers) {
      if (!ids.includes(answer))
        ctx.addIssue({ code: "custom", message: `answer "${answer}" is not one of the choices` });
    }
  });
export type Question = z.infer<typeof QuestionSchema>;

/** A lesson quiz's attempts when quiz.yaml does not say. */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** Minutes between a lesson quiz's attempts when quiz.yaml does not say. */
export const DEFAULT_COOLDOWN_MINUTES = 10;

/** Variants of one group must weigh the same, so every draw of a quiz is worth the same. */
function checkVariantGroups(questions: Question[], ctx: z.RefinementCtx): void {
  const points = new Map<string, number>();
  for (const [index, question] of questions.entries()) {
    if (question.group === undefined) continue;
    const first = points.get(question.group);
    if (first === undefined) points.set(question.group, question.points);
    else if (first !== question.points)
      ctx.addIssue({
        code: "custom",
        path: ["questions", index, "points"],
        message: `every variant of group "${question.group}" must have the same points (${first})`,
      });
  }
}

/** lessons/<NN-slug>/quiz.yaml, and exam/question-bank.yaml. */
export const QuizFileSchema = z
  .object({
    title: LocalizedTextSchema,
    /** Percentage of points needed to pass. */
    passPercent: z.number().int().min(0).max(100).default(60),
    /** Attempts a learner may make at a lesson quiz (not read from question-bank.yaml: exam.yaml says). */
    maxAttempts: z.number().int().min(1).max(100).default(DEFAULT_MAX_ATTEMPTS),
    /** Minutes a learner waits after a graded attempt before starting the next (lesson quizzes). */
    cooldownMinutes: z.number().int().min(0).max(10_080).default(DEFAULT_COOLDOWN_MINUTES),
    questions: z.array(QuestionSchema).min(1),
  })
  .superRefine((file, ctx) => checkVariantGroups(file.questions, ctx));
export type QuizFile = z.infer<typeof QuizFileSchema>;

/** lessons/<NN-slug>/lesson.yaml; the bodies are en.md and zh-CN.md beside it. */
export const LessonFileSchema = z.object({
  slug: SlugSchema,
  title: LocalizedTextSchema,
  /** One-line summary for the syllabus. */
  summary: LocalizedTextSchema,
  /** Minutes a learner typically needs. */
  minutes: z.number().int().min(1).max(240),
});
export type LessonFile = z.infer<typeof LessonFileSchema>;

/** exam/exam.yaml: the timed final quiz drawn from exam/question-bank.yaml. */
export const ExamFileSchema = z.object({
  title: LocalizedTextSchema,
  /** Questions drawn at random from the bank for each attempt. */
  drawCount: z.number().int().min(1),
  timeLimitMinutes: z.number().int().min(1).max(600),
  passPercent: z.number().int().min(0).max(100),
  /** Attempts a learner may make; no limit when absent. */
  maxAttempts: z.number().int().min(1).optional(),
  /** Minutes a learner waits after a graded attempt before starting the next. */
  cooldownMinutes: z.number().int().min(0).max(10_080).default(0),
});
export type ExamFile = z.infer<typeof ExamFileSchema>;

/** What a learner must achieve to earn the certificate. */
export const PassRuleSchema = z.object({
  /** Assignment slugs that must each be passed. */
  requiredLabs: z.array(SlugSchema),
  /** Minimum best score, in percent, on every lesson quiz. */
  minLessonQuizPercent: z.number().min(0).max(100),
  /** Minimum best score, in percent, on the final exam. */
  minExamPercent: z.number().min(0).max(100),
  /** The final score on the certificate must reach this, in percent. */
  passMarkPercent: z.number().min(0).max(100),
  /** How the final score is made: weights of labs, lesson quizzes and the exam (summing to 1). */
  weights: z
    .object({ labs: z.number().min(0).max(1), quizzes: z.number().min(0).max(1), exam: z.number().min(0).max(1) })
    .refine((w) => Math.abs(w.labs + w.quizzes + w.exam - 1) < 1e-9, "weights must sum to 1"),
});
export type PassRule = z.infer<typeof PassRuleSchema>;

/** content/courses/<slug>/course.yaml. */
export const CourseFileSchema = z.object({
  slug: SlugSchema,
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  /** Lesson folder names under lessons/, in reading order. */
  lessons: z.array(z.string().regex(/^\d{2}-[a-z0-9-]+$/)).min(1),
  /** Assignment folder names under assignments/, in course order. */
  assignments: z.array(SlugSchema).default([]),
  passRule: PassRuleSchema,
  /** Optional course-wide deadline, ISO 8601. */
  deadline: z.iso.datetime({ offset: true }).optional(),
});
export type CourseFile = z.infer<typeof CourseFileSchema>;
