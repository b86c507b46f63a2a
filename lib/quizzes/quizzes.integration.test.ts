// Against the run's own Postgres database (npm test creates it). Each test builds its own course.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, describe, test } from "node:test";
import { enrol } from "../courses/enrol";
import { getCoursePage } from "../courses/get-course-page";
import { db } from "../db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { getAttempt } from "./get-attempt";
import { listAttempts } from "./list-attempts";
import { startAttempt } from "./start-attempt";
import { submitAttempt } from "./submit-attempt";

after(() => db.$disconnect());

const text = (en: string) => ({ en, "zh-CN": `${en} (zh)` });
const PASS_RULE = {
  requiredLabs: [],
  minLessonQuizPercent: 60,
  minExamPercent: 70,
  passMarkPercent: 70,
  weights: { labs: 0.5, quizzes: 0.2, exam: 0.3 },
};

async function makeUser(role: "LEARNER" | "INSTRUCTOR" | "ADMIN" = "LEARNER") {
  return db.user.create({
    data: { email: `quiz-${crypto.randomUUID()}@example.com`, name: "Quiz Taker", passwordHash: "not-used", role },
    select: { id: true, role: true },
  });
}

/** A course with one lesson quiz (a single-choice and a numeric question) and a 10-question exam. */
async function makeCourse() {
  const slug = `quiz-course-${crypto.randomBytes(4).toString("hex")}`;
  const course = await db.course.create({
    data: { slug, title: text("Quiz course"), summary: text("Summary"), passRule: PASS_RULE },
    select: { id: true },
  });
  const lesson = await db.lesson.create({
    data: { courseId: course.id, slug: "basics", position: 0, title: text("Basics"), body: text("# Basics") },
  });
  const quiz = await db.quiz.create({
    data: { courseId: course.id, lessonId: lesson.id, slug: "basics", title: text("Basics quiz"), passPercent: 60 },
  });
  const single = await db.quizQuestion.create({
    data: {
      quizId: quiz.id,
      key: "pick",
      position: 0,
      kind: "SINGLE",
      prompt: text("Pick b"),
      choices: [
        { id: "a", text: text("A") },
        { id: "b", text: text("B") },
      ],
      answer: { choices: ["b"] },
      explanation: text("Because b."),
    },
  });
  const numeric = await db.quizQuestion.create({
    data: {
      quizId: quiz.id,
      key: "number",
      position: 1,
      kind: "NUMERIC",
      prompt: text("2 - 0.5"),
      choices: [],
      answer: { value: 1.5, tolerance: 0.001 },
      explanation: text("Subtract."),
    },
  });
  const exam = await db.quiz.create({
    data: {
      courseId: course.id,
      slug: "final-exam",
      kind: "EXAM",
      title: text("Exam"),
      drawCount: 4,
      timeLimitSeconds: 600,
      passPercent: 70,
      maxAttempts: 2,
    },
  });
  const bank = [];
  for (let index = 0; index < 10; index++) {
    bank.push(
      await db.quizQuestion.create({
        data: {
          quizId: exam.id,
          key: `bank-${index}`,
          position: index,
          kind: "NUMERIC",
          prompt: text(`What is ${index}?`),
          choices: [],
          answer: { value: index, tolerance: 0 },
          explanation: text(`It is ${index}.`),
        },
        select: { id: true, answer: true },
      }),
    );
  }
  return { slug, courseId: course.id, lessonId: lesson.id, quizId: quiz.id, examId: exam.id, single, numeric, bank };
}

async function rejection<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected a ${type.name}`);
}

describe("lesson quizzes", () => {
  test("only enrolled learners may start one, and enrolling is idempotent", async () => {
    const course = await makeCourse();
    const learner = await makeUser();
    await rejection(startAttempt(learner, { courseSlug: course.slug, quizSlug: "basics" }), ForbiddenError);
    assert.deepEqual(await enrol(learner, { courseSlug: course.slug }), { courseSlug: course.slug, isNew: true });
    assert.deepEqual(await enrol(learner, { courseSlug: course.slug }), { courseSlug: course.slug, isNew: false });
    const { attemptId } = await startAttempt(learner, { courseSlug: course.slug, quizSlug: "basics" });
    assert.ok(attemptId);
    const errors = (await rejection(enrol(learner, { courseSlug: "Not A Slug" }), ValidationError)).fieldErrors;
    assert.ok(errors.courseSlug);
    await rejection(enrol(learner, { courseSlug: "no-such-course" }), NotFoundError);
  });

  test("an open attempt carries no answers or explanations; a submitted one shows them", async () => {
    const course = await makeCourse();
    const learner = await makeUser();
    await enrol(learner, { courseSlug: course.slug });
    const { attemptId } = await startAttempt(learner, { courseSlug: course.slug, quizSlug: "basics" });
    const again = await startAttempt(learner, { courseSlug: course.slug, quizSlug: "basics" });
    assert.deepEqual(again, { attemptId, isResumed: true, lessonSlug: "basics" });

    const open = await getAttempt(learner, attemptId, "en");
    assert.equal(open.isOpen, true);
    const serialised = JSON.stringify(open);
    assert.ok(!serialised.includes("answer"), "an open attempt must not carry answers");
    assert.ok(!serialised.includes("Because b"), "an open attempt must not carry explanations");
    assert.deepEqual(
      open.questions.map((question) => question.id),
      [course.single.id, course.numeric.id],
    );

    await submitAttempt(learner, { attemptId, answers: { [course.single.id]: "b", [course.numeric.id]: " 1.5 " } });
    const done = await getAttempt(learner, attemptId, "zh-CN");
    assert.equal(done.isOpen, false);
    if (done.isOpen) return;
    assert.equal(done.percent, 100);
    assert.equal(done.isPassed, true);
    assert.equal(done.questions[0]?.explanation, "Because b. (zh)");
    assert.deepEqual(done.questions[1]?.response, { value: 1.5 });
    const progress = await db.lessonProgress.findUnique({
      where: { userId_lessonId: { userId: learner.id, lessonId: course.lessonId } },
    });
    assert.ok(progress, "passing a lesson's quiz completes the lesson");

    await rejection(
      submitAttempt(learner, { attemptId, answers: { [course.single.id]: "a", [course.numeric.id]: "0" } }),
      ConflictError,
    );
    const page = await getCoursePage(learner, course.slug, "en");
    assert.equal(page.progress.lessonsCompleted, 1);
    assert.equal(page.lessons[0]?.bestQuizPercent, 100);
  });

  test("names each unanswered or unreadable answer and stores nothing", async () => {
    const course = await makeCourse();
    const learner = await makeUser();
    await enrol(learner, { courseSlug: course.slug });
    const { attemptId } = await startAttempt(learner, { courseSlug: course.slug, quizSlug: "basics" });
    const error = await rejection(
      submitAttempt(learner, { attemptId, answers: { [course.numeric.id]: "one and a half" } }),
      ValidationError,
    );
    assert.deepEqual(error.fieldErrors[course.single.id], ["Answer this question."]);
    assert.match(error.fieldErrors[course.numeric.id]?.[0] ?? "", /Enter a number/);
    const chinese = await rejection(
      submitAttempt(learner, { attemptId, answers: {}, locale: "zh-CN" }),
      ValidationError,
    );
    assert.deepEqual(chinese.fieldErrors[course.single.id], ["请回答这道题。"]);
    const picked = await rejection(
      submitAttempt(learner, { attemptId, answers: { [course.single.id]: "z", [course.numeric.id]: "1" } }),
      ValidationError,
    );
    assert.ok(picked.fieldErrors[course.single.id]);
    const malformed = await rejection(submitAttempt(learner, { attemptId: "x", answers: "nope" }), ValidationError);
    assert.ok(malformed.fieldErrors.attemptId && malformed.fieldErrors.answers);
    const stored = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    assert.equal(stored.submittedAt, null);

    await submitAttempt(learner, { attemptId, answers: { [course.single.id]: "a", [course.numeric.id]: "3" } });
    const failed = await getAttempt(learner, attemptId, "en");
    assert.equal(!failed.isOpen && failed.isPassed, false);
    assert.equal(await db.lessonProgress.count({ where: { userId: learner.id } }), 0);
  });

  test("a learner cannot see or submit someone else's attempt", async () => {
    const course = await makeCourse();
    const owner = await makeUser();
    const other = await makeUser();
    await enrol(owner, { courseSlug: course.slug });
    await enrol(other, { courseSlug: course.slug });
    const { attemptId } = await startAttempt(owner, { courseSlug: course.slug, quizSlug: "basics" });
    await rejection(getAttempt(other, attemptId, "en"), NotFoundError);
    await rejection(submitAttempt(other, { attemptId, answers: {} }), NotFoundError);
    assert.equal((await listAttempts(other, course.slug, "basics", "en")).attempts.length, 0);
    assert.equal((await listAttempts(owner, course.slug, "basics", "en")).attempts.length, 1);
  });
});

describe("the final exam", () => {
  test("draws its questions per attempt, sets a server deadline and limits attempts", async () => {
    const course = await makeCourse();
    const learner = await makeUser();
    await enrol(learner, { courseSlug: course.slug });
    const before = Date.now();
    const { attemptId } = await startAttempt(learner, { courseSlug: course.slug, quizSlug: "final-exam" });
    const stored = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    assert.equal(stored.questionIds.length, 4);
    assert.equal(new Set(stored.questionIds).size, 4);
    assert.ok(stored.deadlineAt && Math.abs(stored.deadlineAt.getTime() - before - 600_000) < 5_000);

    // The bank's answer to question "What is n?" is n.
    const answers = Object.fromEntries(
      stored.questionIds.map((id) => {
        const question = course.bank.find((candidate) => candidate.id === id);
        return [id, String((question?.answer as { value: number }).value)];
      }),
    );
    await submitAttempt(learner, { attemptId, answers });
    const graded = await getAttempt(learner, attemptId, "en");
    assert.equal(!graded.isOpen && graded.percent, 100);

    // When time is up, blanks and unreadable answers count as wrong instead of blocking the submission.
    const { attemptId: second } = await startAttempt(learner, { courseSlug: course.slug, quizSlug: "final-exam" });
    const [firstDrawn] = (await db.quizAttempt.findUniqueOrThrow({ where: { id: second } })).questionIds;
    await submitAttempt(learner, { attemptId: second, answers: { [firstDrawn ?? ""]: "1,5" }, isTimeUp: true });
    const timedOut = await getAttempt(learner, second, "en");
    assert.equal(!timedOut.isOpen && timedOut.score, 0);
    await rejection(startAttempt(learner, { courseSlug: course.slug, quizSlug: "final-exam" }), ConflictError);
    const overview = await listAttempts(learner, course.slug, "final-exam", "en");
    assert.equal(overview.attemptsLeft, 0);
    assert.equal(overview.bestPercent, 100);
  });

  test("answers that arrive after the deadline are not counted, and an abandoned attempt closes itself", async () => {
    const course = await makeCourse();
    const learner = await makeUser();
    await enrol(learner, { courseSlug: course.slug });
    const { attemptId } = await startAttempt(learner, { courseSlug: course.slug, quizSlug: "final-exam" });
    const stored = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    await db.quizAttempt.update({ where: { id: attemptId }, data: { deadlineAt: new Date(Date.now() - 60_000) } });
    const answers = Object.fromEntries(stored.questionIds.map((id) => [id, "0"]));
    const result = await submitAttempt(learner, { attemptId, answers });
    assert.equal(result.isLate, true);
    const late = await getAttempt(learner, attemptId, "en");
    assert.equal(!late.isOpen && late.score, 0);

    const { attemptId: abandoned } = await startAttempt(learner, { courseSlug: course.slug, quizSlug: "final-exam" });
    assert.notEqual(abandoned, attemptId);
    await db.quizAttempt.update({ where: { id: abandoned }, data: { deadlineAt: new Date(Date.now() - 60_000) } });
    const overview = await listAttempts(learner, course.slug, "final-exam", "en");
    assert.equal(overview.openAttemptId, null);
    const closed = await db.quizAttempt.findUniqueOrThrow({ where: { id: abandoned } });
    assert.ok(closed.submittedAt);
    assert.equal(closed.score, 0);
  });

  test("an admin may take the exam without an enrolment; a stranger's course page shows no progress", async () => {
    const course = await makeCourse();
    const admin = await makeUser("ADMIN");
    const { attemptId } = await startAttempt(admin, { courseSlug: course.slug, quizSlug: "final-exam" });
    assert.ok(attemptId);
    const page = await getCoursePage(null, course.slug, "en");
    assert.equal(page.enrolmentRole, null);
    assert.equal(page.canTakeQuizzes, false);
    assert.equal(page.exam?.drawCount, 4);
    await rejection(getCoursePage(null, "no-such-course", "en"), NotFoundError);
  });
});
