// The course bundle: every text file of a course folder (content/courses/<slug>/) in one JSON
// document, keyed by its path inside the folder. Import and export go through it, and it is
// parsed with the very schemas the files under content/ are, so the file format stays the one
// schema of a course whether it lives in the repository, in the database or in a download.
// Figures and reference solutions are not part of it: they are served and graded from content/.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { AssignmentSpecSchema } from "../assignments/spec-schema";
import type { LoadedAssignment } from "../assignments/load-assignment";
import {
  CourseFileSchema,
  ExamFileSchema,
  LessonFileSchema,
  LOCALES,
  QuizFileSchema,
  type Locale,
} from "../courses/content-schema";
import { referencedFigures, type LoadedCourse, type LoadedLesson } from "../courses/load-course-files";
import { ValidationError, type FieldErrors, errorMessage } from "../errors";

const BUNDLE_FORMAT = "gradient-course-bundle";
/**
 * Uploads larger than this are refused before parsing; the real course is about 0.35 MB. Server actions take 1 MB
 * unless next.config.js raises serverActions.bodySizeLimit.
 */
export const MAX_BUNDLE_BYTES = 8 * 1024 * 1024;

export const CourseBundleSchema = z.object({
  /** Always "gradient-course-bundle", so any other JSON file is recognised as not a bundle. */
  format: z.literal(BUNDLE_FORMAT),
  /** Layout version of the bundle; bumped if the folder layout ever changes. */
  version: z.literal(1),
  /**
   * Each text file of the course folder, by its path relative to the folder (course.yaml, lessons/01-intro/en.md, ...).
   */
  files: z.record(z.string(), z.string()),
});
export type CourseBundle = z.infer<typeof CourseBundleSchema>;

/** A course as its files say it, without where the files lie. */
export interface CourseContent {
  course: LoadedCourse["course"];
  lessons: Omit<LoadedLesson, "dir">[];
  exam: LoadedCourse["exam"];
  bank: LoadedCourse["bank"];
  assignments: Omit<LoadedAssignment, "dir">[];
}

/** The folder a lesson lives in: its position, counted from 01, then its slug. */
export function lessonFolder(position: number, slug: string): string {
  return `${String(position + 1).padStart(2, "0")}-${slug}`;
}

function issueLines(error: z.ZodError): string[] {
  return error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
  );
}

/**
 * Parses the files of a course with the content schemas, collecting every problem rather than
 * stopping at the first: the errors are keyed by file path, each message led by the field path.
 */
export function parseCourseFiles(files: Record<string, string>): CourseContent {
  const errors: FieldErrors = {};
  const fail = (file: string, ...messages: string[]) => {
    (errors[file] ??= []).push(...messages);
  };
  const text = (file: string): string | null => {
    const found = files[file];
    if (found === undefined) fail(file, "file is missing");
    return found ?? null;
  };
  const yaml = <T extends z.ZodType>(file: string, schema: T): z.output<T> | null => {
    const source = text(file);
    if (source === null) return null;
    let data: unknown;
    try {
      data = parseYaml(source);
    } catch (error) {
      fail(file, `invalid YAML: ${errorMessage(error)}`);
      return null;
    }
    const result = schema.safeParse(data);
    if (!result.success) {
      fail(file, ...issueLines(result.error));
      return null;
    }
    return result.data;
  };
  const markdown = (file: string): string | null => {
    const body = text(file);
    if (body !== null && body.trim() === "") fail(file, "the text is empty");
    return body;
  };

  const course = yaml("course.yaml", CourseFileSchema);
  const exam = yaml("exam/exam.yaml", ExamFileSchema);
  const bank = yaml("exam/question-bank.yaml", QuizFileSchema);

  const lessons: CourseContent["lessons"] = [];
  for (const [position, folder] of (course?.lessons ?? []).entries()) {
    const dir = `lessons/${folder}`;
    const meta = yaml(`${dir}/lesson.yaml`, LessonFileSchema);
    const quiz = yaml(`${dir}/quiz.yaml`, QuizFileSchema);
    const en = markdown(`${dir}/en.md`);
    const zh = markdown(`${dir}/zh-CN.md`);
    // The database keeps a lesson's position and slug, so its folder name must be made of exactly those.
    if (meta && folder !== lessonFolder(position, meta.slug)) {
      fail(
        "course.yaml",
        `lessons.${position}: lesson ${position + 1} with slug "${meta.slug}" ` +
          `must be in folder ${lessonFolder(position, meta.slug)}`,
      );
    }
    if (!meta || !quiz || en === null || zh === null) continue;
    const bodies: Record<Locale, string> = { en, "zh-CN": zh };
    const figures = [...new Set(LOCALES.flatMap((locale) => referencedFigures(bodies[locale])))];
    lessons.push({ folder, meta, bodies, quiz, figures });
  }

  const assignments: CourseContent["assignments"] = [];
  for (const slug of course?.assignments ?? []) {
    const dir = `assignments/${slug}`;
    const spec = yaml(`${dir}/assignment.yaml`, AssignmentSpecSchema);
    if (spec && spec.slug !== slug)
      fail(`${dir}/assignment.yaml`, `slug: "${spec.slug}" does not match its folder "${slug}"`);
    const en = markdown(`${dir}/brief.en.md`);
    const zh = markdown(`${dir}/brief.zh-CN.md`);
    const starter = text(`${dir}/starter.js`);
    if (!spec || en === null || zh === null || starter === null) continue;
    assignments.push({ spec, briefs: { en, "zh-CN": zh }, starter });
  }

  if (Object.keys(errors).length > 0 || !course || !exam || !bank) {
    throw new ValidationError("The course files do not match their schemas.", errors);
  }
  return { course, lessons, exam, bank, assignments };
}

/** Reads an uploaded bundle (JSON text) into its files, refusing anything that is not one. */
export function parseBundleText(text: string): Record<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ValidationError("The file is not a course bundle.", {
      bundle: ["Upload the .json file that Export course downloads."],
    });
  }
  const result = CourseBundleSchema.safeParse(data);
  if (!result.success)
    throw new ValidationError("The file is not a course bundle.", { bundle: issueLines(result.error) });
  return result.data.files;
}

export function bundleText(files: Record<string, string>): string {
  const bundle: CourseBundle = { format: BUNDLE_FORMAT, version: 1, files };
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
