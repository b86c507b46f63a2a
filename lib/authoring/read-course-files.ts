// Rebuilds a course's files (course.yaml, lessons/, exam/, assignments/) from the database: the
// export, and the source of truth of every authoring form, so a form edits exactly what a file
// would say. The result is only text; parseCourseFiles decides whether it is a valid course.
import { stringify as stringifyYaml } from "yaml";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { lessonFolder } from "./course-bundle";
import { readExamTitle, readLessonBody } from "./file-only-fields";

type QuestionRow = Prisma.QuizQuestionGetPayload<{
  select: {
    key: true;
    kind: true;
    prompt: true;
    choices: true;
    answer: true;
    explanation: true;
    points: true;
    variantGroup: true;
  };
}>;

const QUESTION_SELECT = {
  key: true,
  kind: true,
  prompt: true,
  choices: true,
  answer: true,
  explanation: true,
  points: true,
  variantGroup: true,
} as const;
export const EXAM_SLUG = "final-exam";

function toYaml(value: unknown): string {
  return stringifyYaml(value, { lineWidth: 100 });
}

function answerField(answer: Prisma.JsonValue, field: "choices" | "value" | "tolerance"): unknown {
  return answer && typeof answer === "object" && !Array.isArray(answer) ? answer[field] : undefined;
}

/** A stored question as it is written in quiz.yaml (the inverse of importCourse's questionRecord). */
function questionFile(row: QuestionRow) {
  const head = { id: row.key, kind: row.kind.toLowerCase(), prompt: row.prompt };
  const tail = {
    explanation: row.explanation,
    points: row.points,
    ...(row.variantGroup === null ? {} : { group: row.variantGroup }),
  };
  if (row.kind === "NUMERIC") {
    return {
      ...head,
      answer: answerField(row.answer, "value"),
      tolerance: answerField(row.answer, "tolerance"),
      ...tail,
    };
  }
  const choices = answerField(row.answer, "choices");
  const answer = row.kind === "SINGLE" && Array.isArray(choices) ? (choices as unknown[])[0] : choices;
  return { ...head, choices: row.choices, answer, ...tail };
}

/** The text files of the course `courseId` as they would lie in content/courses/<slug>/. */
export async function readCourseFiles(courseId: string): Promise<Record<string, string>> {
  const course = await db.course.findUniqueOrThrow({
    where: { id: courseId },
    select: {
      slug: true,
      title: true,
      summary: true,
      passRule: true,
      deadline: true,
      lessons: {
        orderBy: { position: "asc" },
        select: {
          slug: true,
          title: true,
          body: true,
          quizzes: {
            where: { kind: "LESSON" },
            take: 1,
            select: {
              title: true,
              passPercent: true,
              maxAttempts: true,
              cooldownMinutes: true,
              questions: { orderBy: { position: "asc" }, select: QUESTION_SELECT },
            },
          },
        },
      },
      quizzes: {
        where: { kind: "EXAM", slug: EXAM_SLUG },
        take: 1,
        select: {
          title: true,
          drawCount: true,
          timeLimitSeconds: true,
          passPercent: true,
          maxAttempts: true,
          cooldownMinutes: true,
          questions: { orderBy: { position: "asc" }, select: QUESTION_SELECT },
        },
      },
      assignments: {
        orderBy: { position: "asc" },
        select: {
          slug: true,
          versions: { orderBy: { version: "desc" }, take: 1, select: { spec: true, brief: true, starterCode: true } },
        },
      },
    },
  });

  const files: Record<string, string> = {};
  const folders = course.lessons.map((lesson, position) => lessonFolder(position, lesson.slug));
  files["course.yaml"] = toYaml({
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    lessons: folders,
    assignments: course.assignments.map((assignment) => assignment.slug),
    passRule: course.passRule,
    ...(course.deadline ? { deadline: course.deadline.toISOString() } : {}),
  });

  for (const [position, lesson] of course.lessons.entries()) {
    const dir = `lessons/${folders[position]}`;
    const { bodies, extras } = readLessonBody(lesson.body);
    // Lessons imported before authoring existed lack the syllabus fields; the export then says so
    // through the schema (a missing summary) instead of inventing one.
    files[`${dir}/lesson.yaml`] = toYaml({
      slug: lesson.slug,
      title: lesson.title,
      summary: extras?.summary,
      minutes: extras?.minutes,
    });
    files[`${dir}/en.md`] = bodies.en;
    files[`${dir}/zh-CN.md`] = bodies["zh-CN"];
    const quiz = lesson.quizzes[0];
    files[`${dir}/quiz.yaml`] = toYaml(
      quiz
        ? {
            title: quiz.title,
            passPercent: quiz.passPercent,
            // A quiz saved before the key existed has no limit, which a file cannot say: it takes the default.
            ...(quiz.maxAttempts === null ? {} : { maxAttempts: quiz.maxAttempts }),
            cooldownMinutes: quiz.cooldownMinutes,
            questions: quiz.questions.map(questionFile),
          }
        : {},
    );
  }

  const exam = course.quizzes[0];
  const examTitle = readExamTitle(exam?.title);
  files["exam/exam.yaml"] = toYaml(
    exam
      ? {
          title: examTitle.title,
          drawCount: exam.drawCount,
          timeLimitMinutes: exam.timeLimitSeconds === null ? null : exam.timeLimitSeconds / 60,
          passPercent: exam.passPercent,
          ...(exam.maxAttempts === null ? {} : { maxAttempts: exam.maxAttempts }),
          cooldownMinutes: exam.cooldownMinutes,
        }
      : {},
  );
  files["exam/question-bank.yaml"] = toYaml({
    title: examTitle.bank?.title ?? examTitle.title,
    passPercent: examTitle.bank?.passPercent ?? exam?.passPercent,
    questions: exam?.questions.map(questionFile) ?? [],
  });

  for (const assignment of course.assignments) {
    const dir = `assignments/${assignment.slug}`;
    const version = assignment.versions[0];
    const brief = (version?.brief ?? {}) as Record<string, unknown>;
    files[`${dir}/assignment.yaml`] = toYaml(version?.spec ?? {});
    files[`${dir}/brief.en.md`] = typeof brief.en === "string" ? brief.en : "";
    files[`${dir}/brief.zh-CN.md`] = typeof brief["zh-CN"] === "string" ? brief["zh-CN"] : "";
    files[`${dir}/starter.js`] = version?.starterCode ?? "";
  }
  return files;
}
