// Course analytics on the run's own Postgres: a small course history built by hand (six learners,
// an instructor who also submits, failures of every kind, a practice run, quiz and exam attempts
// with known answers), and every number the analytics report checked against values worked out on
// paper. Also who may see them, and the CSV downloads.
import "../instructor/test-queue-prefix";
import "../certificates/test-signing-key";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, test } from "node:test";
import { issueCertificate } from "../certificates/issue-certificate";
import { db } from "../db";
import { ForbiddenError, NotFoundError } from "../errors";
import type { FailureKind, SubmissionStatus } from "../generated/prisma/enums";
import { closeTestQueue, makeCourse, makeUser, rejection, type TestCourse } from "../instructor/test-fixtures";
import { ANALYTICS_DATASETS } from "./datasets";
import { exportAnalyticsCsv } from "./export-analytics-csv";
import { getEnrolmentTimeline } from "./get-enrolment-timeline";
import { getExamScoreDistribution } from "./get-exam-score-distribution";
import { getLabStatistics } from "./get-lab-statistics";
import { getQuizItemStatistics } from "./get-quiz-item-statistics";

type Person = Awaited<ReturnType<typeof makeUser>>;

let course: TestCourse;
let emptyCourse: TestCourse;
let instructor: Person;
let otherInstructor: Person;
let admin: Person;
let learners: Person[];

const at = (text: string) => new Date(`2026-03-${text}Z`);

async function submit(
  learner: Person,
  createdAt: string,
  status: SubmissionStatus,
  failure?: { kind: FailureKind; code: string; message: string },
) {
  const code = `// ${crypto.randomUUID()}`;
  await db.submission.create({
    data: {
      userId: learner.id,
      assignmentId: course.assignmentId,
      assignmentVersionId: course.versionId,
      attemptNumber: 1,
      status,
      failureKind: failure?.kind ?? null,
      failureCode: failure?.code ?? null,
      message: failure?.message ?? null,
      code,
      codeSha256: crypto.createHash("sha256").update(code).digest("hex"),
      specSha256: "0".repeat(64),
      createdAt: at(createdAt),
      queuedAt: at(createdAt),
    },
  });
}

async function attempt(
  quizId: string,
  learner: Person,
  submittedAt: string | null,
  questionIds: string[],
  answers: Record<string, { choices: string[] }>,
  result: { score: number; maxScore: number; isPassed: boolean },
) {
  await db.quizAttempt.create({
    data: {
      quizId,
      userId: learner.id,
      questionIds,
      answers,
      ...(submittedAt === null ? {} : { ...result, submittedAt: at(submittedAt) }),
      startedAt: at("01T00:00:00"),
    },
  });
}

const choices = [
  { id: "a", text: { en: "A", "zh-CN": "甲" } },
  { id: "b", text: { en: "B", "zh-CN": "乙" } },
  // A spreadsheet would run this as a formula; the CSV must defuse it.
  { id: "c", text: { en: "=1+1", "zh-CN": "丙" } },
];

before(async () => {
  course = await makeCourse("analytics");
  emptyCourse = await makeCourse("analytics-empty");
  instructor = await makeUser("INSTRUCTOR", { courseId: course.courseId, as: "INSTRUCTOR" });
  otherInstructor = await makeUser("INSTRUCTOR", { courseId: emptyCourse.courseId, as: "INSTRUCTOR" });
  admin = await makeUser("ADMIN");
  learners = [];
  const enrolledOn = ["02", "02", "03", "05", "05", "05"];
  for (const [index, day] of enrolledOn.entries()) {
    const learner = await makeUser("LEARNER", { courseId: course.courseId, as: "LEARNER" }, `Learner ${index + 1}`);
    await db.enrolment.updateMany({ where: { userId: learner.id }, data: { createdAt: at(`${day}T00:00:00`) } });
    learners.push(learner);
  }
  const [l1, l2, l3, l4, l5, l6] = learners;
  if (!l1 || !l2 || !l3 || !l4 || !l5 || !l6) throw new Error("six learners");

  // Certificates: one valid (counts), one revoked (does not).
  // Certificates: one valid (counts), one revoked (does not). Issued for real, with this file's own
  // signing key: a made-up key row would be published beside the real ones and break the
  // certificate checks of the tests that share this database.
  // issueCertificate words the credential from the course's pass rule, which the test course lacks.
  await db.course.update({
    where: { id: course.courseId },
    data: {
      passRule: {
        requiredLabs: [],
        minLessonQuizPercent: 0,
        minExamPercent: 0,
        passMarkPercent: 70,
        weights: { labs: 1, quizzes: 0, exam: 0 },
      },
    },
  });
  for (const [learner, issuedAt, revokedAt] of [
    [l1, at("04T09:00:00"), null],
    [l2, at("05T09:00:00"), at("06T00:00:00")],
  ] as const) {
    const outcome = await issueCertificate({
      userId: learner.id,
      courseId: course.courseId,
      score: 90,
      passMark: 70,
      evidence: [],
    });
    assert.ok(outcome.isIssued);
    await db.certificate.update({ where: { publicId: outcome.publicId }, data: { issuedAt, revokedAt } });
  }

  const exception = (shape: string, line: number) => ({
    kind: "LEARNER" as const,
    code: "exception",
    message: `Error: shape [${shape}] mismatch at line ${line}\n    at train (learner.js:${line}:5)`,
  });
  // L1: fails, then passes two hours after the first attempt.
  await submit(l1, "02T10:00:00", "FAILED", exception("3,4", 12));
  await submit(l1, "02T12:00:00", "PASSED");
  // L2: passes on the first attempt.
  await submit(l2, "03T00:00:00", "PASSED");
  // L3: an uncharged syntax error, two charged failures, a pass 72 h after the first charged attempt.
  await submit(l3, "03T09:00:00", "FAILED", {
    kind: "LEARNER",
    code: "syntax_error",
    message: "Unexpected token (1:5)",
  });
  await submit(l3, "03T10:00:00", "FAILED", exception("2,2", 7));
  await submit(l3, "04T10:00:00", "FAILED", {
    kind: "LEARNER",
    code: "timeout",
    message: "Training did not finish in 60 s",
  });
  await submit(l3, "06T10:00:00", "PASSED");
  // L4: a platform failure (uncharged, with a long message) and one charged failure.
  await submit(l4, "05T01:00:00", "ERROR", {
    kind: "PLATFORM",
    code: "worker_lost",
    message: `The worker died ${"while training ".repeat(10)}`,
  });
  await submit(l4, "05T02:00:00", "FAILED", exception("9,9", 100));
  // L5: only a submission still queued, and a failed practice run: neither counts.
  await submit(l5, "06T00:00:00", "QUEUED");
  await db.practiceRun.create({
    data: {
      userId: l5.id,
      assignmentId: course.assignmentId,
      assignmentVersionId: course.versionId,
      status: "FAILED",
      failureCode: "exception",
      message: "Error: practice only",
      code: "// practice",
      practiceRows: 10,
      validationRows: 10,
      trainingSeconds: 10,
    },
  });
  // L6: passes on the first attempt, half an hour after enrolling, then submits again.
  await submit(l6, "05T00:30:00", "PASSED");
  await submit(l6, "05T01:00:00", "PASSED");
  // The instructor's own tries are not a learner's.
  await submit(instructor, "02T08:00:00", "FAILED", exception("1,1", 1));

  // A lesson quiz: Q1 everyone gets right; Q2's wrong choice "a" beats its key "b"; Q3 is a MULTIPLE (a and c).
  const quiz = await db.quiz.create({
    data: { courseId: course.courseId, slug: "quiz-one", title: { en: "Quiz one", "zh-CN": "测验一" } },
  });
  const question = (key: string, position: number, kind: "SINGLE" | "MULTIPLE", answer: string[]) =>
    db.quizQuestion.create({
      data: {
        quizId: quiz.id,
        key,
        position,
        kind,
        prompt: { en: `Question ${key}?`, "zh-CN": `问题 ${key}？` },
        choices,
        answer: { choices: answer },
        explanation: { en: "" },
      },
    });
  const q1 = await question("q1", 0, "SINGLE", ["a"]);
  const q2 = await question("q2", 1, "SINGLE", ["b"]);
  const q3 = await question("q3", 2, "MULTIPLE", ["a", "c"]);
  const ids = [q1.id, q2.id, q3.id];
  const firstAnswers: [Person, string, string, string[] | null][] = [
    [l1, "a", "b", ["a", "c"]],
    [l2, "a", "b", ["a"]],
    [l3, "a", "a", ["a", "c"]],
    [l4, "a", "a", null],
    [l5, "a", "a", ["a", "c"]],
    [l6, "a", "c", ["c", "a"]],
  ];
  for (const [learner, one, two, three] of firstAnswers) {
    const answers: Record<string, { choices: string[] }> = { [q1.id]: { choices: [one] }, [q2.id]: { choices: [two] } };
    if (three) answers[q3.id] = { choices: three };
    await attempt(quiz.id, learner, "07T10:00:00", ids, answers, { score: 0, maxScore: 3, isPassed: false });
  }
  // Later and unfinished attempts, and the instructor's, are not analysed.
  await attempt(
    quiz.id,
    l1,
    "08T10:00:00",
    ids,
    { [q1.id]: { choices: ["b"] } },
    { score: 0, maxScore: 3, isPassed: false },
  );
  await attempt(quiz.id, l2, null, ids, { [q1.id]: { choices: ["c"] } }, { score: 0, maxScore: 3, isPassed: false });
  await attempt(
    quiz.id,
    instructor,
    "07T10:00:00",
    ids,
    { [q1.id]: { choices: ["c"] } },
    {
      score: 0,
      maxScore: 3,
      isPassed: false,
    },
  );

  // The exam: best scores 80 (after 50), 100, 30, 60, 65.5; L6 has not taken it.
  const exam = await db.quiz.create({
    data: { courseId: course.courseId, slug: "final", kind: "EXAM", title: { en: "Final exam" }, passPercent: 60 },
  });
  for (const [learner, score, isPassed] of [
    [l1, 5, false],
    [l1, 8, true],
    [l2, 10, true],
    [l3, 3, false],
    [l4, 6, true],
    [l5, 6.55, true],
  ] as const) {
    await attempt(exam.id, learner, "09T10:00:00", [], {}, { score, maxScore: 10, isPassed });
  }
  await attempt(exam.id, instructor, "09T10:00:00", [], {}, { score: 0, maxScore: 10, isPassed: false });
});

after(async () => {
  await closeTestQueue();
  await db.$disconnect();
});

const close = (actual: number | null | undefined, expected: number) => {
  assert.ok(typeof actual === "number", `expected ${expected}, got ${actual}`);
  assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} is not ${expected}`);
};

describe("course analytics", () => {
  test("are for the course's instructors and admins only", async () => {
    const options = { courseSlug: course.courseSlug };
    for (const viewer of [learners[0], otherInstructor]) {
      if (!viewer) continue;
      for (const read of [getEnrolmentTimeline, getLabStatistics, getQuizItemStatistics, getExamScoreDistribution])
        assert.ok((await rejection(read({ viewer, ...options }))) instanceof ForbiddenError);
    }
    assert.ok(
      (await rejection(getLabStatistics({ viewer: admin, courseSlug: "no-such-course" }))) instanceof NotFoundError,
    );
    assert.equal((await getLabStatistics({ viewer: admin, ...options })).labs.length, 1);
  });

  test("enrolment and completion over time", async () => {
    const timeline = await getEnrolmentTimeline({ viewer: instructor, courseSlug: course.courseSlug });
    assert.equal(timeline.granularity, "day");
    assert.deepEqual(timeline.points, [
      { period: "2026-03-02", enrolled: 2, enrolledTotal: 2, completed: 0, completedTotal: 0 },
      { period: "2026-03-03", enrolled: 1, enrolledTotal: 3, completed: 0, completedTotal: 0 },
      { period: "2026-03-04", enrolled: 0, enrolledTotal: 3, completed: 1, completedTotal: 1 },
      { period: "2026-03-05", enrolled: 3, enrolledTotal: 6, completed: 0, completedTotal: 1 },
    ]);
    assert.equal(timeline.enrolledTotal, 6);
    assert.equal(timeline.completedTotal, 1);
  });

  test("pass rate, attempts, time to first pass and failures per lab", async () => {
    const [lab] = (await getLabStatistics({ viewer: instructor, courseSlug: course.courseSlug })).labs;
    assert.ok(lab);
    assert.equal(lab.learnersTried, 5);
    assert.equal(lab.learnersPassed, 4);
    close(lab.passRate, 0.8);
    assert.equal(lab.attempts, 9);
    assert.deepEqual(lab.attemptsPerLearner, [
      { value: 1, learners: 2 },
      { value: 2, learners: 2 },
      { value: 3, learners: 1 },
    ]);
    assert.deepEqual(lab.attemptsToPass, [
      { value: 1, learners: 2 },
      { value: 2, learners: 1 },
      { value: 3, learners: 1 },
    ]);
    close(lab.medianAttemptsToPass, 1.5);
    // First attempt to first pass: 2 h, 0, 72 h, 0; enrolment to first pass: 12 h, 24 h, 82 h, 0.5 h.
    close(lab.medianHoursToPass, 1);
    close(lab.medianHoursFromEnrolment, 18);
    assert.deepEqual(lab.timeToPass, [
      { value: "first_try", learners: 2 },
      { value: "under_hour", learners: 0 },
      { value: "under_day", learners: 1 },
      { value: "under_3_days", learners: 0 },
      { value: "under_week", learners: 1 },
      { value: "longer", learners: 0 },
    ]);
    assert.deepEqual(lab.failures, [
      { kind: "LEARNER", code: "exception", count: 3 },
      { kind: "LEARNER", code: "syntax_error", count: 1 },
      { kind: "LEARNER", code: "timeout", count: 1 },
      { kind: "PLATFORM", code: "worker_lost", count: 1 },
    ]);
    assert.deepEqual(lab.messages, [
      { message: "Error: shape [#,#] mismatch at line #", isTruncated: false, count: 3 },
      {
        message: `The worker died ${"while training ".repeat(10)}`.slice(0, 120),
        isTruncated: true,
        count: 1,
      },
      { message: "Training did not finish in # s", isTruncated: false, count: 1 },
      { message: "Unexpected token (#:#)", isTruncated: false, count: 1 },
    ]);
  });

  test("quiz items: difficulty, point-biserial discrimination, choices and flags", async () => {
    const stats = await getQuizItemStatistics({ viewer: instructor, courseSlug: course.courseSlug, locale: "zh-CN" });
    const quiz = stats.quizzes.find((candidate) => candidate.slug === "quiz-one");
    assert.ok(quiz);
    assert.equal(quiz.title, "测验一");
    assert.equal(quiz.learners, 6);
    const [q1, q2, q3] = quiz.items;
    assert.ok(q1 && q2 && q3);
    assert.equal(q1.prompt, "问题 q1？");
    assert.equal(q1.responses, 6);
    close(q1.difficulty, 1);
    assert.equal(q1.discrimination, null);
    assert.deepEqual(q1.flags, ["too_easy"]);
    // Q2: right for L1 and L2 only. Rest scores 1, 0.5 (right) and 1, 0.5, 1, 1 (wrong):
    // (0.75 − 0.875) / √(1/18) · √(2/9) = −0.25.
    close(q2.difficulty, 1 / 3);
    close(q2.discrimination, -0.25);
    assert.deepEqual(
      q2.choices.map((choice) => [choice.choiceId, choice.isKey, choice.count]),
      [
        ["a", false, 3],
        ["b", true, 2],
        ["c", false, 1],
      ],
    );
    assert.deepEqual(q2.flags, ["low_discrimination", "distractor_beats_key"]);
    // Q3 (a and c, all or nothing): right for L1, L3, L5, L6; L4 left it blank.
    close(q3.difficulty, 4 / 6);
    close(q3.discrimination, -0.25);
    assert.equal(q3.blanks, 1);
    assert.deepEqual(
      q3.choices.map((choice) => [choice.choiceId, choice.isKey, choice.count]),
      [
        ["a", true, 5],
        ["b", false, 0],
        ["c", true, 4],
      ],
    );
    assert.deepEqual(q3.flags, ["low_discrimination"]);
  });

  test("the exam's score distribution counts each learner's best attempt", async () => {
    const [exam] = (await getExamScoreDistribution({ viewer: admin, courseSlug: course.courseSlug })).exams;
    assert.ok(exam);
    assert.equal(exam.learners, 5);
    assert.equal(exam.passed, 4);
    close(exam.median, 65.5);
    assert.deepEqual(
      exam.bins.map((bin) => bin.count),
      [0, 0, 0, 1, 0, 0, 2, 0, 1, 1],
    );
  });

  test("a course without history has empty analytics", async () => {
    const viewer = otherInstructor;
    const options = { viewer, courseSlug: emptyCourse.courseSlug };
    assert.deepEqual((await getEnrolmentTimeline(options)).points, []);
    const [lab] = (await getLabStatistics(options)).labs;
    assert.equal(lab?.learnersTried, 0);
    assert.equal(lab?.passRate, null);
    assert.equal(lab?.medianHoursToPass, null);
    assert.deepEqual((await getQuizItemStatistics(options)).quizzes, []);
    assert.deepEqual((await getExamScoreDistribution(options)).exams, []);
  });

  test("every table downloads as CSV, formula-like text defused", async () => {
    for (const dataset of ANALYTICS_DATASETS) {
      const { filename, csv } = await exportAnalyticsCsv({
        viewer: instructor,
        courseSlug: course.courseSlug,
        dataset,
      });
      assert.match(filename, new RegExp(`^analytics-${dataset}-${course.courseSlug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
      assert.ok(csv.endsWith("\r\n"));
      assert.ok(csv.split("\r\n").length > 2, `${dataset} has rows`);
    }
    const labs = await exportAnalyticsCsv({ viewer: instructor, courseSlug: course.courseSlug, dataset: "labs" });
    assert.match(labs.csv, /,5,4,0\.8,9,1\.5,1,18\r\n$/);
    const messages = await exportAnalyticsCsv({
      viewer: instructor,
      courseSlug: course.courseSlug,
      dataset: "lab-messages",
    });
    assert.ok(messages.csv.includes(`,"Error: shape [#,#] mismatch at line #",no,3\r\n`));
    const items = await exportAnalyticsCsv({
      viewer: instructor,
      courseSlug: course.courseSlug,
      dataset: "quiz-items",
      locale: "zh-CN",
    });
    assert.ok(items.csv.includes("low_discrimination distractor_beats_key"));
    assert.ok(items.csv.includes("区分度低于 0.1"));
    const picked = await exportAnalyticsCsv({ viewer: admin, courseSlug: course.courseSlug, dataset: "quiz-choices" });
    assert.ok(picked.csv.includes("\r\nquiz-one,q2,c,'=1+1,no,1\r\n"));
    assert.ok(
      (await rejection(
        exportAnalyticsCsv({ viewer: instructor, courseSlug: course.courseSlug, dataset: "../x" }),
      )) instanceof NotFoundError,
    );
    assert.ok(
      (await rejection(
        exportAnalyticsCsv({ viewer: otherInstructor, courseSlug: course.courseSlug, dataset: "labs" }),
      )) instanceof ForbiddenError,
    );
  });
});
