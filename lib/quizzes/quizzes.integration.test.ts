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
import { saveDraft } from "./save-draft";
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
      open.questions.map((question) => question.id).sort(),
      [course.single.id, course.numeric.id].sort(),
    );

    await submitAttempt(learner, { attemptId, answers: { [course.single.id]: "b", [course.numeric.id]: " 1.5 " } });
    const done = await getAttempt(learner, attemptId, "zh-CN");
    assert.equal(done.isOpen, false);
    if (done.isOpen) return;
    assert.equal(done.percent, 100);
    assert.equal(done.isPassed, true);
    const byId = (id: string) => done.questions.find((question) => question.id === id);
    assert.equal(byId(course.single.id)?.explanation, "Because b. (zh)");
    assert.deepEqual(byId(course.numeric.id)?.response, { value: 1.5 });
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

    // When time is up, blanks and unreadable answers count as wrong instead of blocking the submission.
    const [firstDrawn] = stored.questionIds;
    await submitAttempt(learner, { attemptId, answers: { [firstDrawn ?? ""]: "1,5" }, isTimeUp: true });
    const timedOut = await getAttempt(learner, attemptId, "en");
    assert.equal(!timedOut.isOpen && timedOut.score, 0);
    assert.equal(!timedOut.isOpen && timedOut.isKeyShown, false, "a failed exam with an attempt left hides the key");

    // The bank's answer to question "What is n?" is n.
    const { attemptId: second } = await startAttempt(learner, { courseSlug: course.slug, quizSlug: "final-exam" });
    const secondIds = (await db.quizAttempt.findUniqueOrThrow({ where: { id: second } })).questionIds;
    assert.notDeepEqual(secondIds, stored.questionIds, "a new attempt draws anew");
    const answers = Object.fromEntries(
      secondIds.map((id) => {
        const question = course.bank.find((candidate) => candidate.id === id);
        return [id, String((question?.answer as { value: number }).value)];
      }),
    );
    await submitAttempt(learner, { attemptId: second, answers });
    const graded = await getAttempt(learner, second, "en");
    assert.equal(!graded.isOpen && graded.percent, 100);
    assert.equal(!graded.isOpen && graded.isKeyShown, true);
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

/** A lesson quiz of `courseId` with 3 attempts, a 10-minute cool-down, two variants of one idea and a numeric question. */
async function makeRuledQuiz(courseId: string) {
  const lesson = await db.lesson.create({
    data: { courseId, slug: "ruled", position: 1, title: text("Ruled"), body: text("# Ruled") },
  });
  const quiz = await db.quiz.create({
    data: {
      courseId,
      lessonId: lesson.id,
      slug: "ruled",
      title: text("Ruled quiz"),
      passPercent: 100,
      maxAttempts: 3,
      cooldownMinutes: 10,
    },
  });
  const choices = ["a", "b", "c", "d"].map((id) => ({ id, text: text(`Choice ${id.toUpperCase()}`) }));
  for (const [position, key] of ["variant-one", "variant-two"].entries()) {
    await db.quizQuestion.create({
      data: {
        quizId: quiz.id,
        key,
        position,
        kind: "SINGLE",
        variantGroup: "idea",
        prompt: text(`Which is right (${key})?`),
        choices,
        answer: { choices: ["c"] },
        explanation: text(`The idea behind ${key}.`),
      },
    });
  }
  await db.quizQuestion.create({
    data: {
      quizId: quiz.id,
      key: "sum",
      position: 2,
      kind: "NUMERIC",
      prompt: text("6 x 7"),
      choices: [],
      answer: { value: 42, tolerance: 0 },
      explanation: text("Multiply."),
    },
  });
  return quiz;
}

describe("a lesson quiz that measures something", () => {
  test("start, save, reload, fail without the key, wait, pass, and then the key", async () => {
    const course = await makeCourse();
    const quiz = await makeRuledQuiz(course.courseId);
    const learner = await makeUser();
    const other = await makeUser();
    await enrol(learner, { courseSlug: course.slug });
    const start = () => startAttempt(learner, { courseSlug: course.slug, quizSlug: "ruled" });

    const { attemptId } = await start();
    const open = await getAttempt(learner, attemptId, "en");
    assert.ok(open.isOpen);
    if (!open.isOpen) return;
    assert.equal(open.questions.length, 2, "one variant of the group, and the lone question");
    const [choice, numeric] = [
      open.questions.find((question) => question.kind === "SINGLE"),
      open.questions.find((question) => question.kind === "NUMERIC"),
    ];
    assert.ok(choice && numeric);
    assert.deepEqual(open.draft, {});

    // Saved as typed, only by the owner, only for the attempt's own questions.
    await saveDraft(learner, { attemptId, answers: { [choice.id]: "a", [numeric.id]: "4" } });
    await saveDraft(learner, { attemptId, answers: { [choice.id]: "a", [numeric.id]: "41" } });
    await rejection(saveDraft(other, { attemptId, answers: { [choice.id]: "c" } }), NotFoundError);
    await rejection(saveDraft(learner, { attemptId, answers: { "not-a-question": "c" } }), ValidationError);
    await rejection(saveDraft(learner, { attemptId, answers: { [choice.id]: { evil: true } } }), ValidationError);

    // A reload shows the same questions, in the same order with the same choice order, and the saved answers.
    const reloaded = await getAttempt(learner, attemptId, "en");
    assert.deepEqual(reloaded, { ...open, draft: { [choice.id]: "a", [numeric.id]: "41" } });

    await submitAttempt(learner, { attemptId, answers: { [choice.id]: "a", [numeric.id]: "41" } });
    await rejection(saveDraft(learner, { attemptId, answers: { [choice.id]: "c" } }), ConflictError);
    const failed = await getAttempt(learner, attemptId, "zh-CN");
    assert.ok(!failed.isOpen);
    if (failed.isOpen) return;
    assert.equal(failed.isPassed, false);
    assert.equal(failed.isKeyShown, false);
    assert.deepEqual(
      failed.questions.map((question) => [question.isCorrect, question.answer]),
      [
        [false, null],
        [false, null],
      ],
    );
    assert.ok(
      failed.questions.every((question) => question.explanation.length > 0),
      "the idea is explained",
    );
    const serialised = JSON.stringify(failed);
    // The key is 42 and the choice "c"; compared as values, since an id or a time may hold "42".
    const values: unknown[] = [];
    JSON.parse(serialised, (_key, value: unknown) => (values.push(value), value));
    assert.ok(
      !serialised.includes('"choices":["c"]') && !values.some((value) => value === 42 || value === "42"),
      "no key in the view data",
    );

    // The cool-down, in the learner's language, with the time the next attempt opens.
    const refusal = await rejection(start(), ConflictError);
    assert.match(refusal.message, /^Your next attempt opens at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/);
    const chinese = await rejection(
      startAttempt(learner, { courseSlug: course.slug, quizSlug: "ruled", locale: "zh-CN" }),
      ConflictError,
    );
    assert.match(chinese.message, /^下一次作答将于 .+ UTC 开放。$/);
    const overview = await listAttempts(learner, course.slug, "ruled", "en");
    assert.equal(overview.startBlock?.kind, "cooling_down");
    assert.equal(overview.attemptsLeft, 2);

    // Ten minutes later (moved in the database rather than waited for).
    await db.quizAttempt.update({
      where: { id: attemptId },
      data: { submittedAt: new Date(Date.now() - 11 * 60_000) },
    });
    const { attemptId: second } = await start();
    const secondOpen = await getAttempt(learner, second, "en");
    assert.ok(secondOpen.isOpen);
    const answers = Object.fromEntries(
      secondOpen.questions.map((question) => [question.id, question.kind === "NUMERIC" ? "42" : "c"]),
    );
    await submitAttempt(learner, { attemptId: second, answers });
    const passed = await getAttempt(learner, second, "en");
    assert.ok(!passed.isOpen && passed.isPassed && passed.isKeyShown);
    if (passed.isOpen) return;
    assert.ok(passed.questions.every((question) => question.answer !== null));
    // Passing closes the quiz, and opens the key of the failed attempt too.
    const closed = await rejection(start(), ConflictError);
    assert.match(closed.message, /passed this quiz/);
    const firstAgain = await getAttempt(learner, attemptId, "en");
    assert.ok(!firstAgain.isOpen && firstAgain.isKeyShown);
    assert.equal((await listAttempts(learner, course.slug, "ruled", "en")).startBlock?.kind, "passed");
    assert.equal(quiz.maxAttempts, 3);
  });

  test("attempts run out, then the key shows; the course's teachers are not limited", async () => {
    const course = await makeCourse();
    await db.quiz.updateMany({ where: { courseId: course.courseId, slug: "basics" }, data: { maxAttempts: 2 } });
    const learner = await makeUser();
    await enrol(learner, { courseSlug: course.slug });
    const wrong = { [course.single.id]: "a", [course.numeric.id]: "0" };
    const right = { [course.single.id]: "b", [course.numeric.id]: "1.5" };
    const take = async (taker: { id: string; role: "LEARNER" | "INSTRUCTOR" | "ADMIN" }, answers: object) => {
      const { attemptId } = await startAttempt(taker, { courseSlug: course.slug, quizSlug: "basics" });
      await submitAttempt(taker, { attemptId, answers });
      const graded = await getAttempt(taker, attemptId, "en");
      assert.ok(!graded.isOpen);
      return graded;
    };

    assert.equal((await take(learner, wrong)).isKeyShown, false, "one attempt left: the key stays hidden");
    const last = await take(learner, wrong);
    assert.equal(last.isKeyShown, true, "no attempt left: the key shows");
    assert.deepEqual(last.questions.find((question) => question.id === course.single.id)?.answer, { choices: ["b"] });
    const refusal = await rejection(
      startAttempt(learner, { courseSlug: course.slug, quizSlug: "basics" }),
      ConflictError,
    );
    assert.equal(refusal.message, "You have used all 2 attempts at this quiz.");
    assert.equal((await listAttempts(learner, course.slug, "basics", "en")).startBlock?.kind, "used_up");

    const admin = await makeUser("ADMIN");
    for (const answers of [right, wrong, right]) assert.equal((await take(admin, answers)).isKeyShown, true);
  });

  test("an attempt whose time ran out is graded on the answers saved before", async () => {
    const course = await makeCourse();
    const learner = await makeUser();
    await enrol(learner, { courseSlug: course.slug });
    const { attemptId } = await startAttempt(learner, { courseSlug: course.slug, quizSlug: "final-exam" });
    const drawn = (await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).questionIds;
    const answers = Object.fromEntries(
      drawn.map((id) => [
        id,
        String((course.bank.find((question) => question.id === id)?.answer as { value: number }).value),
      ]),
    );
    await saveDraft(learner, { attemptId, answers });
    await db.quizAttempt.update({ where: { id: attemptId }, data: { deadlineAt: new Date(Date.now() - 60_000) } });
    await rejection(saveDraft(learner, { attemptId, answers }), ConflictError);
    const closed = await getAttempt(learner, attemptId, "en");
    assert.equal(!closed.isOpen && closed.percent, 100);
  });
});
