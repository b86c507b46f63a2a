// A few fields of the course files have no column in the database yet: a lesson's syllabus
// summary and minutes (lesson.yaml) and the question bank's own title and pass mark
// (question-bank.yaml). So that export gives back exactly what was imported, they ride along in
// JSON columns that already exist: the lesson body and the exam title. Readers of those columns
// parse them with LocalizedTextSchema, which drops unknown keys, so learners never see them.
// Everything that touches this layout is in this file; a migration adding real columns replaces it.
import { z } from "zod";
import {
  LocalizedTextSchema,
  type LessonFile,
  type Locale,
  type LocalizedText,
  type QuizFile,
} from "../courses/content-schema";

const LESSON_KEY = "lessonFile";
const BANK_KEY = "bankFile";

const LessonExtrasSchema = z.object({ summary: LocalizedTextSchema, minutes: z.number().int() });
const BankExtrasSchema = z.object({ title: LocalizedTextSchema, passPercent: z.number().int() });
// A body or title missing a language reads as empty for that language, which the schema check on export then reports.
const StoredTextSchema = z
  .object({ en: z.string().catch(""), "zh-CN": z.string().catch("") })
  .catch({ en: "", "zh-CN": "" });

type LessonExtras = Pick<LessonFile, "summary" | "minutes">;
type BankExtras = Pick<QuizFile, "title" | "passPercent">;

/** The Lesson.body value holding both Markdown bodies and the lesson.yaml fields without a column. */
export function lessonBodyValue(bodies: Record<Locale, string>, extras: LessonExtras) {
  return {
    en: bodies.en,
    "zh-CN": bodies["zh-CN"],
    [LESSON_KEY]: { summary: extras.summary, minutes: extras.minutes },
  };
}

/** The bodies and extras of a stored Lesson.body; extras are null for lessons written by importCourse alone. */
export function readLessonBody(body: unknown): { bodies: Record<Locale, string>; extras: LessonExtras | null } {
  const bodies = StoredTextSchema.parse(body);
  const stored = body && typeof body === "object" ? (body as Record<string, unknown>)[LESSON_KEY] : undefined;
  const extras = LessonExtrasSchema.safeParse(stored);
  return { bodies, extras: extras.success ? extras.data : null };
}

/** The exam Quiz.title value holding the exam title and the bank's own title and pass mark. */
export function examTitleValue(title: LocalizedText, bank: BankExtras) {
  return { en: title.en, "zh-CN": title["zh-CN"], [BANK_KEY]: { title: bank.title, passPercent: bank.passPercent } };
}

export function readExamTitle(value: unknown): { title: LocalizedText; bank: BankExtras | null } {
  const title = StoredTextSchema.parse(value);
  const stored = value && typeof value === "object" ? (value as Record<string, unknown>)[BANK_KEY] : undefined;
  const bank = BankExtrasSchema.safeParse(stored);
  return { title, bank: bank.success ? bank.data : null };
}
