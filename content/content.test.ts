// Every course under content/courses must load cleanly and be complete enough to publish.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { loadCourseFiles } from "../lib/courses/load-course-files";
import type { QuizFile } from "../lib/courses/content-schema";

const COURSES_DIR = path.join(import.meta.dirname, "courses");
const MIN_LESSONS = 12;
const MIN_LESSON_QUESTIONS = 5;
const MIN_BANK_QUESTIONS = 30;
// A Chinese body made by pasting the English one would still "exist"; this many Han characters
// shows it was written in Chinese.
const MIN_CHINESE_CHARACTERS = 300;
const HAN = /[\u4e00-\u9fff]/g;

const courseSlugs = readdirSync(COURSES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

function assertUniqueQuestionIds(quiz: QuizFile, where: string): void {
  const seen = new Set<string>();
  for (const question of quiz.questions) {
    assert.ok(!seen.has(question.id), `${where}: question id "${question.id}" is used twice`);
    seen.add(question.id);
  }
}

test("there is at least one course", () => {
  assert.ok(courseSlugs.length > 0, `no course folders in ${COURSES_DIR}`);
});

for (const slug of courseSlugs) {
  describe(`course ${slug}`, () => {
    // Loading throws with the file name and zod issues, which is the most useful failure message.
    const loaded = loadCourseFiles(path.join(COURSES_DIR, slug));

    test("course.yaml slug matches its folder", () => {
      assert.equal(loaded.course.slug, slug);
    });

    test(`has at least ${MIN_LESSONS} lessons with distinct slugs`, () => {
      assert.ok(loaded.lessons.length >= MIN_LESSONS, `only ${loaded.lessons.length} lessons`);
      const slugs = loaded.lessons.map((lesson) => lesson.meta.slug);
      assert.equal(new Set(slugs).size, slugs.length, "lesson slugs repeat");
    });

    for (const lesson of loaded.lessons) {
      describe(`lesson ${lesson.folder}`, () => {
        test("bodies are non-empty in every locale", () => {
          for (const [locale, body] of Object.entries(lesson.bodies)) {
            assert.ok(body.trim().length > 0, `${locale}.md is empty`);
          }
        });

        test("zh-CN.md is written in Chinese and both bodies have formulas", () => {
          const han = lesson.bodies["zh-CN"].match(HAN)?.length ?? 0;
          assert.ok(han >= MIN_CHINESE_CHARACTERS, `zh-CN.md has only ${han} Chinese characters`);
          for (const [locale, body] of Object.entries(lesson.bodies)) {
            assert.match(body, /\$[^$\n]+\$/, `${locale}.md has no KaTeX formula`);
          }
        });

        test(`quiz has >= ${MIN_LESSON_QUESTIONS} questions of every kind`, () => {
          const kinds = new Set(lesson.quiz.questions.map((question) => question.kind));
          assert.ok(lesson.quiz.questions.length >= MIN_LESSON_QUESTIONS, `${lesson.quiz.questions.length} questions`);
          assert.ok(kinds.has("numeric"), "no numeric question");
          assert.ok(kinds.has("multiple"), "no multiple-choice question");
          assert.ok(kinds.has("single"), "no single-choice question");
          assertUniqueQuestionIds(lesson.quiz, `${lesson.folder}/quiz.yaml`);
        });

        test("every referenced figure exists", () => {
          for (const figure of lesson.figures) {
            assert.ok(existsSync(path.join(lesson.dir, figure)), `${lesson.folder}: missing figure ${figure}`);
          }
        });
      });
    }

    test(`exam bank has at least ${MIN_BANK_QUESTIONS} questions of every kind`, () => {
      assert.ok(loaded.bank.questions.length >= MIN_BANK_QUESTIONS, `only ${loaded.bank.questions.length} questions`);
      const kinds = new Set(loaded.bank.questions.map((question) => question.kind));
      assert.deepEqual([...kinds].sort(), ["multiple", "numeric", "single"]);
    });

    test("the pass rule names only labs the course has", () => {
      for (const lab of loaded.course.passRule.requiredLabs) {
        assert.ok(loaded.course.assignments.includes(lab), `required lab ${lab} is not listed under assignments`);
      }
    });

    test("exam bank can fill an attempt and has unique ids", () => {
      assert.ok(
        loaded.bank.questions.length >= loaded.exam.drawCount,
        `bank has ${loaded.bank.questions.length} questions but the exam draws ${loaded.exam.drawCount}`,
      );
      assertUniqueQuestionIds(loaded.bank, "exam/question-bank.yaml");
    });
  });
}
