// What the authoring pages show: the courses a viewer may edit, and one course's contents read
// back as its files, so every form starts from exactly what an export would contain.
import { parse as parseYaml } from "yaml";
import { localize } from "../courses/localize";
import { taughtCoursesWhere } from "../courses/roles";
import { db } from "../db";
import { NotFoundError, ValidationError, type FieldErrors } from "../errors";
import { requireAuthor, requireEditableCourse, type Viewer } from "./authorize";
import { lessonFolder, parseCourseFiles } from "./course-bundle";
import { readCourseFiles } from "./read-course-files";
import type { Locale } from "../courses/content-schema";
import type { AssignmentInput, CourseFormValues, LessonFormValues } from "./schemas";

/** Titles are in `locale` (English where a course has none in it): the pages speak the reader's language. */
export async function listEditableCourses(viewer: Viewer, locale: Locale = "en") {
  requireAuthor(viewer);
  const courses = await db.course.findMany({
    where: taughtCoursesWhere(viewer),
    orderBy: { createdAt: "asc" },
    select: { slug: true, title: true, isPublished: true, _count: { select: { lessons: true, assignments: true } } },
  });
  return courses.map((course) => ({
    slug: course.slug,
    title: localize(course.title, locale),
    isPublished: course.isPublished,
    lessons: course._count.lessons,
    labs: course._count.assignments,
  }));
}

/** A YAML file of the course read back into plain data for a form; the files were written by us, so they parse. */
function yamlData(files: Record<string, string>, file: string): Record<string, unknown> {
  const data: unknown = parseYaml(files[file] ?? "");
  return data && typeof data === "object" ? (data as Record<string, unknown>) : {};
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const localized = (value: unknown) => {
  const record = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  return { en: text(record.en), "zh-CN": text(record["zh-CN"]) };
};
const numberText = (value: unknown): string => (typeof value === "number" ? String(value) : "");

export async function getAuthoringCourse({
  viewer,
  courseSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  locale?: Locale;
}) {
  const { id } = await requireEditableCourse(viewer, courseSlug);
  const [row, files] = await Promise.all([
    db.course.findUniqueOrThrow({
      where: { id },
      select: {
        slug: true,
        isPublished: true,
        lessons: {
          orderBy: { position: "asc" },
          select: {
            slug: true,
            title: true,
            quizzes: { where: { kind: "LESSON" }, select: { _count: { select: { questions: true } } } },
          },
        },
        assignments: {
          orderBy: { position: "asc" },
          select: {
            slug: true,
            title: true,
            versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, createdAt: true } },
          },
        },
      },
    }),
    readCourseFiles(id),
  ]);
  // The problems an export would refuse, shown up front so an author knows what is left to do.
  let exportProblems: FieldErrors = {};
  try {
    parseCourseFiles(files);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    exportProblems = error.fieldErrors;
  }
  const courseFile = yamlData(files, "course.yaml");
  const passRule = (courseFile.passRule ?? {}) as Record<string, unknown>;
  const weights = (passRule.weights ?? {}) as Record<string, unknown>;
  const form: CourseFormValues = {
    title: localized(courseFile.title),
    summary: localized(courseFile.summary),
    deadline: text(courseFile.deadline),
    isPublished: row.isPublished,
    passRule: {
      requiredLabs: Array.isArray(passRule.requiredLabs) ? passRule.requiredLabs.map(text) : [],
      minLessonQuizPercent: numberText(passRule.minLessonQuizPercent),
      minExamPercent: numberText(passRule.minExamPercent),
      passMarkPercent: numberText(passRule.passMarkPercent),
      weights: { labs: numberText(weights.labs), quizzes: numberText(weights.quizzes), exam: numberText(weights.exam) },
    },
  };
  return {
    slug: row.slug,
    title: form.title[locale] || form.title.en,
    form,
    lessons: row.lessons.map((lesson, position) => ({
      slug: lesson.slug,
      folder: lessonFolder(position, lesson.slug),
      title: localize(lesson.title, locale),
      questions: lesson.quizzes[0]?._count.questions ?? 0,
    })),
    labs: row.assignments.map((assignment) => ({
      slug: assignment.slug,
      title: localize(assignment.title, locale),
      version: assignment.versions[0]?.version ?? 0,
      savedAt: assignment.versions[0]?.createdAt ?? null,
    })),
    exportProblems,
  };
}

async function courseFilesFor(viewer: Viewer, courseSlug: string) {
  const course = await requireEditableCourse(viewer, courseSlug);
  return { course, files: await readCourseFiles(course.id) };
}

async function lessonFolderOf(courseId: string, lessonSlug: string): Promise<string> {
  const lessons = await db.lesson.findMany({
    where: { courseId },
    orderBy: { position: "asc" },
    select: { slug: true },
  });
  const position = lessons.findIndex((lesson) => lesson.slug === lessonSlug);
  if (position < 0) throw new NotFoundError("There is no such lesson.");
  return lessonFolder(position, lessonSlug);
}

/** The lesson form's starting values: lesson.yaml and the two bodies. */
export async function getLessonForm({
  viewer,
  courseSlug,
  lessonSlug,
}: {
  viewer: Viewer;
  courseSlug: string;
  lessonSlug: string;
}): Promise<LessonFormValues> {
  const { course, files } = await courseFilesFor(viewer, courseSlug);
  const dir = `lessons/${await lessonFolderOf(course.id, lessonSlug)}`;
  const meta = yamlData(files, `${dir}/lesson.yaml`);
  return {
    slug: lessonSlug,
    title: localized(meta.title),
    summary: localized(meta.summary),
    minutes: numberText(meta.minutes),
    body: { en: files[`${dir}/en.md`] ?? "", "zh-CN": files[`${dir}/zh-CN.md`] ?? "" },
  };
}

/** quiz.yaml of a lesson, as text. */
export async function getLessonQuizYaml({
  viewer,
  courseSlug,
  lessonSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  lessonSlug: string;
  locale?: Locale;
}) {
  const { course, files } = await courseFilesFor(viewer, courseSlug);
  const folder = await lessonFolderOf(course.id, lessonSlug);
  return {
    lessonTitle: localize(yamlData(files, `lessons/${folder}/lesson.yaml`).title, locale),
    yaml: files[`lessons/${folder}/quiz.yaml`] ?? "",
  };
}

export async function getExamYaml({ viewer, courseSlug }: { viewer: Viewer; courseSlug: string }) {
  const { files } = await courseFilesFor(viewer, courseSlug);
  return { examYaml: files["exam/exam.yaml"] ?? "", bankYaml: files["exam/question-bank.yaml"] ?? "" };
}

/** The lab form's starting values: assignment.yaml, the briefs and the starter, as in the latest version. */
export async function getAssignmentForm({
  viewer,
  courseSlug,
  assignmentSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  assignmentSlug: string;
  locale?: Locale;
}) {
  const { course, files } = await courseFilesFor(viewer, courseSlug);
  const assignment = await db.assignment.findUnique({
    where: { courseId_slug: { courseId: course.id, slug: assignmentSlug } },
    select: {
      title: true,
      versions: {
        orderBy: { version: "desc" },
        select: { version: true, createdAt: true, _count: { select: { submissions: true } } },
      },
    },
  });
  if (!assignment) throw new NotFoundError("There is no such lab.");
  const dir = `assignments/${assignmentSlug}`;
  const form: AssignmentInput = {
    specYaml: files[`${dir}/assignment.yaml`] ?? "",
    brief: { en: files[`${dir}/brief.en.md`] ?? "", "zh-CN": files[`${dir}/brief.zh-CN.md`] ?? "" },
    starter: files[`${dir}/starter.js`] ?? "",
  };
  return {
    title: localize(assignment.title, locale),
    form,
    versions: assignment.versions.map((version) => ({
      version: version.version,
      createdAt: version.createdAt,
      submissions: version._count.submissions,
    })),
  };
}
