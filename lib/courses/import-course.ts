// Writes a course loaded from content/ into the database. Idempotent: records are matched by
// their stable slugs and keys, and an unchanged course (same content hash) is left alone.
import crypto from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { Question } from "./content-schema";
import type { LoadedCourse } from "./load-course-files";

function questionRecord(question: Question, position: number) {
  const base = {
    position,
    prompt: question.prompt,
    explanation: question.explanation,
    points: question.points,
    variantGroup: question.group ?? null,
  };
  if (question.kind === "numeric") {
    return {
      ...base,
      kind: "NUMERIC" as const,
      choices: [],
      answer: { value: question.answer, tolerance: question.tolerance },
    };
  }
  return {
    ...base,
    kind: question.kind === "single" ? ("SINGLE" as const) : ("MULTIPLE" as const),
    choices: question.choices,
    answer: { choices: question.kind === "single" ? [question.answer] : question.answer },
  };
}

/**
 * Writes a quiz's questions matched by their stable ids, removing those that are gone; shared with web authoring so
 * both store questions alike.
 */
export async function upsertQuestions(
  tx: Prisma.TransactionClient,
  quizId: string,
  questions: Question[],
): Promise<void> {
  const keys = questions.map((question) => question.id);
  await tx.quizQuestion.deleteMany({ where: { quizId, key: { notIn: keys } } });
  for (const [position, question] of questions.entries()) {
    const record = questionRecord(question, position);
    await tx.quizQuestion.upsert({
      where: { quizId_key: { quizId, key: question.id } },
      create: { quizId, key: question.id, ...record },
      update: record,
    });
  }
}

export function courseContentHash(loaded: LoadedCourse): string {
  const { course, lessons, exam, bank } = loaded;
  const material = {
    course,
    lessons: lessons.map(({ folder, meta, bodies, quiz }) => ({ folder, meta, bodies, quiz })),
    exam,
    bank,
  };
  return crypto.createHash("sha256").update(JSON.stringify(material)).digest("hex");
}

/** Imports (or updates) one course; returns its id and whether anything changed. */
export async function importCourse(loaded: LoadedCourse): Promise<{ courseId: string; isChanged: boolean }> {
  const contentHash = courseContentHash(loaded);
  const { course } = loaded;
  const existing = await db.course.findUnique({
    where: { slug: course.slug },
    select: { id: true, contentHash: true },
  });
  if (existing?.contentHash === contentHash) return { courseId: existing.id, isChanged: false };

  const courseId = await db.$transaction(
    async (tx) => {
      const courseData = {
        title: course.title,
        summary: course.summary,
        passRule: course.passRule,
        deadline: course.deadline ? new Date(course.deadline) : null,
        contentHash,
      };
      const saved = await tx.course.upsert({
        where: { slug: course.slug },
        create: { slug: course.slug, ...courseData },
        update: courseData,
        select: { id: true },
      });

      for (const [position, lesson] of loaded.lessons.entries()) {
        const lessonData = { position, title: lesson.meta.title, body: lesson.bodies };
        const savedLesson = await tx.lesson.upsert({
          where: { courseId_slug: { courseId: saved.id, slug: lesson.meta.slug } },
          create: { courseId: saved.id, slug: lesson.meta.slug, ...lessonData },
          update: lessonData,
          select: { id: true },
        });
        const quizData = {
          lessonId: savedLesson.id,
          kind: "LESSON" as const,
          title: lesson.quiz.title,
          passPercent: lesson.quiz.passPercent,
          maxAttempts: lesson.quiz.maxAttempts,
          cooldownMinutes: lesson.quiz.cooldownMinutes,
        };
        const quiz = await tx.quiz.upsert({
          where: { courseId_slug: { courseId: saved.id, slug: lesson.meta.slug } },
          create: { courseId: saved.id, slug: lesson.meta.slug, ...quizData },
          update: quizData,
          select: { id: true },
        });
        await upsertQuestions(tx, quiz.id, lesson.quiz.questions);
      }

      const examData = {
        kind: "EXAM" as const,
        title: loaded.exam.title,
        drawCount: loaded.exam.drawCount,
        timeLimitSeconds: loaded.exam.timeLimitMinutes * 60,
        passPercent: loaded.exam.passPercent,
        maxAttempts: loaded.exam.maxAttempts ?? null,
        cooldownMinutes: loaded.exam.cooldownMinutes,
      };
      const exam = await tx.quiz.upsert({
        where: { courseId_slug: { courseId: saved.id, slug: "final-exam" } },
        create: { courseId: saved.id, slug: "final-exam", ...examData },
        update: examData,
        select: { id: true },
      });
      await upsertQuestions(tx, exam.id, loaded.bank.questions);
      return saved.id;
    },
    { timeout: 120_000 },
  );
  return { courseId, isChanged: true };
}
