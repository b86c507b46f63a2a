// The correct answers to a course's lesson quizzes and exam, read from its content files, in the
// form a learner types them: the demo learner answers from these, as one who knows the material.
import path from "node:path";
import { COURSES_DIR } from "../assignments/load-assignment";
import type { Question } from "../courses/content-schema";
import { loadCourseFiles } from "../courses/load-course-files";
import { SlugSchema } from "../quizzes/quiz-access";

/** The exam's quiz slug, as lib/courses/import-course.ts stores it. */
export const EXAM_SLUG = "final-exam";

export type TypedAnswer = string | string[] | number;

/** Quiz slug (a lesson's, or EXAM_SLUG) to question key to its correct answer. */
export type AnswerKey = Map<string, Map<string, TypedAnswer>>;

function answersOf(questions: Question[]): Map<string, TypedAnswer> {
  return new Map(questions.map((question) => [question.id, question.answer]));
}

export function loadAnswerKey(courseSlug: string): AnswerKey {
  const course = loadCourseFiles(path.join(COURSES_DIR, SlugSchema.parse(courseSlug)));
  return new Map([
    ...course.lessons.map((lesson) => [lesson.meta.slug, answersOf(lesson.quiz.questions)] as const),
    [EXAM_SLUG, answersOf(course.bank.questions)],
  ]);
}
