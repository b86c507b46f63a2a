"use server";

import { revalidateLocalizedPath } from "@/lib/i18n/revalidate-localized-path";
import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { requireAuthor } from "@/lib/authoring/authorize";
import { MAX_BUNDLE_BYTES, parseBundleText } from "@/lib/authoring/course-bundle";
import { createCourse } from "@/lib/authoring/create-course";
import { importCourseBundle } from "@/lib/authoring/import-course-bundle";
import { readContentCourse } from "@/lib/authoring/read-content-folder";
import { saveAssignment } from "@/lib/authoring/save-assignment";
import { saveLesson } from "@/lib/authoring/save-lesson";
import { saveExam, saveLessonQuiz } from "@/lib/authoring/save-quizzes";
import { updateCourse } from "@/lib/authoring/update-course";
import { renderMarkdown } from "@/lib/content-render/render-markdown";
import { ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { toActionResult, type ActionResult } from "@/app/_lib/action-result";
import { authoringProblemsIn } from "@/lib/i18n/authoring-problem-text";
import { getLocale } from "@/lib/i18n/locale";

// Each action authenticates again and lib/authoring checks who may do what: a server action is a
// public endpoint. Slugs from the page are passed through untrusted; lib/ validates them.

const MAX_PREVIEW_CHARS = 500_000;

/** Runs `run` as toActionResult does, with a refusal worded in the reader's language. */
async function authoringResult<T>(run: () => Promise<T>): Promise<ActionResult<T>> {
  const result = await toActionResult(run);
  return result.isOk ? result : { isOk: false, ...authoringProblemsIn(await getLocale(), result) };
}
const LESSON_ASSET_BASE = /^\/courses\/[a-z0-9-]+\/lessons\/[a-z0-9-]+$/;

/**
 * The HTML a learner would see for `source`: the same renderer as the course pages, so the
 * preview is exact. `assetBase` is the lesson's URL, so its figures show as they will.
 */
export async function previewMarkdownAction(source: unknown, assetBase?: unknown): Promise<ActionResult<string>> {
  return authoringResult(async () => {
    requireAuthor(await requireUser());
    if (typeof source !== "string")
      throw new ValidationError("There is no Markdown to preview.", { source: ["Type some Markdown."] });
    if (source.length > MAX_PREVIEW_CHARS)
      throw new ValidationError("This is too long to preview.", {
        source: [`A preview shows at most ${MAX_PREVIEW_CHARS} characters.`],
      });
    return renderMarkdown(source, {
      assetBase: typeof assetBase === "string" && LESSON_ASSET_BASE.test(assetBase) ? assetBase : undefined,
    });
  });
}

export async function createCourseAction(input: unknown): Promise<ActionResult<{ slug: string }>> {
  return authoringResult(async () => {
    const { slug } = await createCourse({ viewer: await requireUser(), input });
    revalidateLocalizedPath("/instructor/authoring");
    return { slug };
  });
}

export async function updateCourseAction(courseSlug: string, input: unknown): Promise<ActionResult> {
  return authoringResult(async () => {
    await updateCourse({ viewer: await requireUser(), courseSlug, input });
    revalidateLocalizedPath(`/instructor/authoring/${courseSlug}`);
    return undefined;
  });
}

export async function saveLessonAction(
  courseSlug: string,
  lessonSlug: string | null,
  input: unknown,
): Promise<ActionResult<{ slug: string }>> {
  return authoringResult(async () => {
    const { slug } = await saveLesson({ viewer: await requireUser(), courseSlug, lessonSlug, input });
    revalidateLocalizedPath(`/instructor/authoring/${courseSlug}`, "layout");
    return { slug };
  });
}

export async function saveLessonQuizAction(
  courseSlug: string,
  lessonSlug: string,
  input: unknown,
): Promise<ActionResult> {
  return authoringResult(async () => {
    await saveLessonQuiz({ viewer: await requireUser(), courseSlug, lessonSlug, input });
    revalidateLocalizedPath(`/instructor/authoring/${courseSlug}`, "layout");
    return undefined;
  });
}

export async function saveExamAction(courseSlug: string, input: unknown): Promise<ActionResult> {
  return authoringResult(async () => {
    await saveExam({ viewer: await requireUser(), courseSlug, input });
    revalidateLocalizedPath(`/instructor/authoring/${courseSlug}`, "layout");
    return undefined;
  });
}

export async function saveAssignmentAction(
  courseSlug: string,
  assignmentSlug: string | null,
  input: unknown,
): Promise<ActionResult<{ slug: string; version: number; isNewVersion: boolean }>> {
  return authoringResult(async () => {
    const saved = await saveAssignment({ viewer: await requireUser(), courseSlug, assignmentSlug, input });
    revalidateLocalizedPath(`/instructor/authoring/${courseSlug}`, "layout");
    return saved;
  });
}

/** Imports an uploaded bundle (its JSON text) or, when `contentSlug` is given, a course under content/courses. */
const ImportInputSchema = z.object({
  /** The uploaded bundle's JSON text. */
  bundle: z.string().optional(),
  /** A folder under content/courses, instead of an upload. */
  contentSlug: z.string().optional(),
});

export async function importCourseAction(
  input: unknown,
): Promise<
  ActionResult<{ slug: string; isNewCourse: boolean; isContentChanged: boolean; newAssignmentVersions: string[] }>
> {
  return authoringResult(async () => {
    const viewer = await requireUser();
    const { bundle, contentSlug } = parseInput(ImportInputSchema, input, "Choose a file to import.");
    let files: Record<string, string>;
    let source: string;
    if (contentSlug) {
      files = readContentCourse(contentSlug);
      source = `content/courses/${contentSlug}`;
    } else {
      if (!bundle)
        throw new ValidationError("Choose a file to import.", {
          bundle: ["Choose a bundle file or a course from content/."],
        });
      if (Buffer.byteLength(bundle) > MAX_BUNDLE_BYTES)
        throw new ValidationError("The file is too large.", {
          bundle: [`A bundle may be at most ${MAX_BUNDLE_BYTES / 1024 / 1024} MB.`],
        });
      files = parseBundleText(bundle);
      source = "upload";
    }
    const imported = await importCourseBundle({ viewer, files, source });
    revalidateLocalizedPath("/instructor/authoring", "layout");
    return {
      slug: imported.courseSlug,
      isNewCourse: imported.isNewCourse,
      isContentChanged: imported.isContentChanged,
      newAssignmentVersions: imported.newAssignmentVersions,
    };
  });
}
