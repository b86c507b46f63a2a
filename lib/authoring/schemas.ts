// What the authoring forms send. Text fields arrive as typed, numbers as the strings of their
// inputs; each schema reuses the content schema of the file the form edits, so a form accepts
// exactly what the file would.
import { z } from "zod";
import { CourseFileSchema, LessonFileSchema, LocalizedTextSchema, type LocalizedText } from "../courses/content-schema";

/** An <input type="number">'s text as a number; an empty box is "enter a number", not 0. */
const numberText = (schema: z.ZodNumber) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
    schema.refine(Number.isFinite, "enter a number"),
  );

/** Markdown as typed: it must say something, and is kept byte for byte (no trimming), as the .md files are. */
const MarkdownTextSchema = z.object({
  en: z
    .string()
    .max(500_000)
    .refine((text) => text.trim() !== "", "the text is empty"),
  "zh-CN": z
    .string()
    .max(500_000)
    .refine((text) => text.trim() !== "", "the text is empty"),
});

export const NewCourseInputSchema = z.object({
  slug: CourseFileSchema.shape.slug,
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
});

const PercentText = numberText(z.number({ error: "enter a number" }).min(0).max(100));
const WeightText = numberText(z.number({ error: "enter a number" }).min(0).max(1));

export const CourseInputSchema = z.object({
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  /** Empty for no course-wide deadline; otherwise ISO 8601 with an offset, as in course.yaml. */
  deadline: z.union([
    z.literal(""),
    z.iso.datetime({ offset: true, error: "use ISO 8601 with an offset, e.g. 2026-12-31T23:59:00Z" }),
  ]),
  isPublished: z.boolean(),
  passRule: z.object({
    requiredLabs: z.array(CourseFileSchema.shape.slug),
    minLessonQuizPercent: PercentText,
    minExamPercent: PercentText,
    passMarkPercent: PercentText,
    weights: z
      .object({ labs: WeightText, quizzes: WeightText, exam: WeightText })
      .refine((w) => Math.abs(w.labs + w.quizzes + w.exam - 1) < 1e-9, "weights must sum to 1"),
  }),
});
/** The course form as typed: numbers are the text of their inputs until the schema reads them. */
export interface CourseFormValues {
  title: LocalizedText;
  summary: LocalizedText;
  deadline: string;
  isPublished: boolean;
  passRule: {
    requiredLabs: string[];
    minLessonQuizPercent: string;
    minExamPercent: string;
    passMarkPercent: string;
    weights: { labs: string; quizzes: string; exam: string };
  };
}

export const LessonInputSchema = LessonFileSchema.extend({
  minutes: numberText(LessonFileSchema.shape.minutes),
  /** The Markdown bodies (en.md, zh-CN.md). */
  body: MarkdownTextSchema,
});
/** The lesson form as typed. */
export interface LessonFormValues {
  slug: string;
  title: LocalizedText;
  summary: LocalizedText;
  minutes: string;
  body: LocalizedText;
}

export const QuizInputSchema = z.object({
  /** The quiz file (quiz.yaml or question-bank.yaml) as the author wrote it. */
  yaml: z.string().max(1_000_000),
});

export const ExamInputSchema = z.object({
  /** exam/exam.yaml. */
  examYaml: z.string().max(100_000),
  /** exam/question-bank.yaml. */
  bankYaml: z.string().max(1_000_000),
});

export const AssignmentInputSchema = z.object({
  /** assignment.yaml as the author wrote it. */
  specYaml: z.string().max(100_000),
  /** brief.en.md and brief.zh-CN.md. */
  brief: MarkdownTextSchema,
  /** starter.js: what the learner's editor opens with. */
  starter: z.string().max(200_000),
});
export type AssignmentInput = z.input<typeof AssignmentInputSchema>;
