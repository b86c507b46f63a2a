// Saves a lesson's quiz (quiz.yaml) or the final exam (exam.yaml and question-bank.yaml), typed
// as the files they are and checked with the same schemas, questions matched by their ids.
import { recordAudit } from "../audit/record-audit";
import { ExamFileSchema, QuizFileSchema } from "../courses/content-schema";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { NotFoundError, ValidationError } from "../errors";
import { parseInput } from "../validation";
import { requireEditableCourse, type Viewer } from "./authorize";
import { examTitleValue } from "./file-only-fields";
import { parseYamlField } from "./parse-yaml-file";
import { EXAM_SLUG } from "./read-course-files";
import { ExamInputSchema, QuizInputSchema } from "./schemas";
import { upsertQuestions } from "../courses/import-course";
import { markCourseEdited } from "./mark-course-edited";

interface WriteQuizOptions {
  viewer: Viewer;
  courseId: string;
  slug: string;
  fields: Omit<Prisma.QuizUncheckedCreateInput, "courseId" | "slug">;
  questions: Parameters<typeof upsertQuestions>[2];
  action: string;
  details: Prisma.InputJsonValue;
}

/** Writes a quiz and its questions and records the change, in one transaction. */
async function writeQuiz({ viewer, courseId, slug, fields, questions, action, details }: WriteQuizOptions) {
  await db.$transaction(async (tx) => {
    const saved = await tx.quiz.upsert({
      where: { courseId_slug: { courseId, slug } },
      create: { courseId, slug, ...fields },
      update: fields,
      select: { id: true },
    });
    await upsertQuestions(tx, saved.id, questions);
    await markCourseEdited(tx, courseId);
    await recordAudit({ tx, actorId: viewer.id, action, targetType: "Quiz", targetId: saved.id, courseId, details });
  });
}

export async function saveLessonQuiz({
  viewer,
  courseSlug,
  lessonSlug,
  input,
}: {
  viewer: Viewer;
  courseSlug: string;
  lessonSlug: string;
  input: unknown;
}) {
  const course = await requireEditableCourse(viewer, courseSlug);
  const quiz = parseYamlField("yaml", parseInput(QuizInputSchema, input).yaml, QuizFileSchema);
  const lesson = await db.lesson.findUnique({
    where: { courseId_slug: { courseId: course.id, slug: lessonSlug } },
    select: { id: true },
  });
  if (!lesson) throw new NotFoundError("There is no such lesson.");
  await writeQuiz({
    viewer,
    courseId: course.id,
    slug: lessonSlug,
    fields: {
      lessonId: lesson.id,
      kind: "LESSON",
      title: quiz.title,
      passPercent: quiz.passPercent,
      maxAttempts: quiz.maxAttempts,
      cooldownMinutes: quiz.cooldownMinutes,
    },
    questions: quiz.questions,
    action: "quiz.update",
    details: {
      lesson: lessonSlug,
      passPercent: quiz.passPercent,
      maxAttempts: quiz.maxAttempts,
      cooldownMinutes: quiz.cooldownMinutes,
      questions: quiz.questions.map((question) => question.id),
    },
  });
}

/** Parses both exam files, reporting the problems of both at once. */
function parseExamFiles(examYaml: string, bankYaml: string) {
  const errors: Record<string, string[]> = {};
  const attempt = <T>(parse: () => T): T | null => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fieldErrors);
      return null;
    }
  };
  const exam = attempt(() => parseYamlField("examYaml", examYaml, ExamFileSchema));
  const bank = attempt(() => parseYamlField("bankYaml", bankYaml, QuizFileSchema));
  if (!exam || !bank) throw new ValidationError("Please correct the highlighted fields.", errors);
  if (exam.drawCount > bank.questions.length) {
    throw new ValidationError("Please correct the highlighted fields.", {
      "examYaml.drawCount": [`the bank has only ${bank.questions.length} questions to draw from`],
    });
  }
  return { exam, bank };
}

export async function saveExam({ viewer, courseSlug, input }: { viewer: Viewer; courseSlug: string; input: unknown }) {
  const course = await requireEditableCourse(viewer, courseSlug);
  const { examYaml, bankYaml } = parseInput(ExamInputSchema, input);
  const { exam, bank } = parseExamFiles(examYaml, bankYaml);
  await writeQuiz({
    viewer,
    courseId: course.id,
    slug: EXAM_SLUG,
    fields: {
      kind: "EXAM",
      title: examTitleValue(exam.title, bank),
      drawCount: exam.drawCount,
      timeLimitSeconds: exam.timeLimitMinutes * 60,
      passPercent: exam.passPercent,
      maxAttempts: exam.maxAttempts ?? null,
      cooldownMinutes: exam.cooldownMinutes,
    },
    questions: bank.questions,
    action: "exam.update",
    details: {
      drawCount: exam.drawCount,
      timeLimitMinutes: exam.timeLimitMinutes,
      passPercent: exam.passPercent,
      questions: bank.questions.map((question) => question.id),
    },
  });
}
