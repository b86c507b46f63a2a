// Reads one course folder (content/courses/<slug>/) into typed objects. The web app seeds its
// database from this and the content test runs it over every course, so both see exactly the
// same validation: a file that fails here can never reach a learner.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import {
  CourseFileSchema,
  ExamFileSchema,
  LessonFileSchema,
  LOCALES,
  QuizFileSchema,
  type CourseFile,
  type ExamFile,
  type LessonFile,
  type Locale,
  type QuizFile,
} from "./content-schema";
import { errorMessage } from "../errors";

export interface LoadedLesson {
  /** Folder name under lessons/, e.g. "04-gradient-descent"; its order in the course is its index. */
  folder: string;
  /** Absolute path of the lesson folder, for resolving figures. */
  dir: string;
  meta: LessonFile;
  /** Markdown body per locale (en.md, zh-CN.md). */
  bodies: Record<Locale, string>;
  quiz: QuizFile;
  /** Local images referenced from any body, relative to the lesson folder, each listed once. */
  figures: string[];
}

export interface LoadedCourse {
  /** Absolute path of the course folder. */
  dir: string;
  course: CourseFile;
  lessons: LoadedLesson[];
  exam: ExamFile;
  bank: QuizFile;
}

export class CourseFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = "CourseFileError";
  }
}

function readText(file: string): string {
  if (!existsSync(file)) throw new CourseFileError(file, "file is missing");
  return readFileSync(file, "utf8");
}

function readYaml<T extends z.ZodType>(file: string, schema: T): z.output<T> {
  let data: unknown;
  try {
    data = parseYaml(readText(file));
  } catch (error) {
    if (error instanceof CourseFileError) throw error;
    throw new CourseFileError(file, `invalid YAML: ${errorMessage(error)}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw new CourseFileError(file, `does not match its schema:\n${z.prettifyError(result.error)}`);
  return result.data;
}

// Markdown images: ![alt](target "optional title"). Remote images are not ours to check or serve.
const IMAGE_PATTERN = /!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** Local image paths referenced by a Markdown body, in order of first appearance. */
export function referencedFigures(markdown: string): string[] {
  const found = new Set<string>();
  for (const match of markdown.matchAll(IMAGE_PATTERN)) {
    const target = match[1];
    if (target && !/^[a-z][a-z0-9+.-]*:/i.test(target)) found.add(target);
  }
  return [...found];
}

function loadLesson(lessonsDir: string, folder: string): LoadedLesson {
  const dir = path.join(lessonsDir, folder);
  if (!existsSync(dir)) throw new CourseFileError(dir, "lesson folder listed in course.yaml is missing");
  const meta = readYaml(path.join(dir, "lesson.yaml"), LessonFileSchema);
  const readBody = (locale: Locale): string => {
    const file = path.join(dir, `${locale}.md`);
    const body = readText(file);
    if (body.trim() === "") throw new CourseFileError(file, "lesson body is empty");
    return body;
  };
  const bodies: Record<Locale, string> = { en: readBody("en"), "zh-CN": readBody("zh-CN") };
  const quiz = readYaml(path.join(dir, "quiz.yaml"), QuizFileSchema);
  const figures = [...new Set(LOCALES.flatMap((locale) => referencedFigures(bodies[locale])))];
  return { folder, dir, meta, bodies, quiz, figures };
}

/**
 * Parses and validates every file of the course in `courseDir`.
 * Throws a CourseFileError naming the offending file (and the schema issues) on the first problem.
 */
export function loadCourseFiles(courseDir: string): LoadedCourse {
  const dir = path.resolve(courseDir);
  const course = readYaml(path.join(dir, "course.yaml"), CourseFileSchema);
  const lessonsDir = path.join(dir, "lessons");
  const lessons = course.lessons.map((folder) => loadLesson(lessonsDir, folder));
  const exam = readYaml(path.join(dir, "exam", "exam.yaml"), ExamFileSchema);
  const bank = readYaml(path.join(dir, "exam", "question-bank.yaml"), QuizFileSchema);
  return { dir, course, lessons, exam, bank };
}
