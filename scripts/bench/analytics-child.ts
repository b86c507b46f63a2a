// The analytics benchmark's measuring side, in a process of its own so lib/db connects to the
// benchmark's database (DATABASE_URL, set by scripts/bench/analytics.ts): it writes a synthetic
// course history with a fixed seed, then times each analytics read, best of ROUNDS. Prints one
// JSON line.
import crypto from "node:crypto";
import { exportAnalyticsCsv } from "../../lib/analytics/export-analytics-csv";
import { getEnrolmentTimeline } from "../../lib/analytics/get-enrolment-timeline";
import { getExamScoreDistribution } from "../../lib/analytics/get-exam-score-distribution";
import { getLabStatistics } from "../../lib/analytics/get-lab-statistics";
import { getQuizItemStatistics } from "../../lib/analytics/get-quiz-item-statistics";
import { db } from "../../lib/db";

const LEARNERS = Number(process.argv[2] ?? 2000);
const SUBMISSIONS = Number(process.argv[3] ?? 20000);
const LABS = 5;
const QUIZZES = 4;
const QUESTIONS_PER_QUIZ = 8;
const ROUNDS = 3;
const CHUNK = 5000;
const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 0, 5);
const FAILURES = [
  { kind: "LEARNER", code: "below_threshold", message: null },
  { kind: "LEARNER", code: "exception", message: "Error: shapes [32,10] and [32,1] are incompatible at line 14" },
  { kind: "LEARNER", code: "timeout", message: "Training did not finish within 120 s and was stopped." },
  { kind: "LEARNER", code: "syntax_error", message: "Unexpected token (3:17)" },
  { kind: "PLATFORM", code: "worker_lost", message: "The worker stopped reporting." },
] as const;

/** mulberry32: the same history on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += CHUNK) await write(rows.slice(start, start + CHUNK));
}

async function seedHistory(): Promise<{ courseSlug: string; adminId: string }> {
  const next = random(20261207);
  const runId = crypto.randomUUID().slice(0, 8);
  const courseSlug = `bench-analytics-${runId}`;
  const course = await db.course.create({
    data: { slug: courseSlug, title: { en: "Benchmark course" }, summary: { en: "" }, passRule: {} },
  });
  const admin = await db.user.create({
    data: { email: `bench-admin-${runId}@example.com`, name: "Bench admin", passwordHash: "unused", role: "ADMIN" },
  });
  const learners = Array.from({ length: LEARNERS }, (_, index) => ({
    id: `bench-${runId}-${index}`,
    email: `bench-${runId}-${index}@example.com`,
    name: `Learner ${index}`,
    passwordHash: "unused",
  }));
  await inChunks(learners, (chunk) => db.user.createMany({ data: chunk }));
  const enrolledAt = learners.map(() => START + Math.floor(next() * 90) * DAY_MS + Math.floor(next() * DAY_MS));
  await inChunks(
    learners.map((learner, index) => ({
      userId: learner.id,
      courseId: course.id,
      createdAt: new Date(enrolledAt[index] ?? START),
    })),
    (chunk) => db.enrolment.createMany({ data: chunk }),
  );
  const labs: { id: string; versionId: string }[] = [];
  for (let index = 0; index < LABS; index++) {
    const lab = await db.assignment.create({
      data: { courseId: course.id, slug: `lab-${index}`, position: index, title: { en: `Lab ${index}` } },
    });
    const version = await db.assignmentVersion.create({
      data: { assignmentId: lab.id, version: 1, spec: {}, specSha256: "0".repeat(64), brief: {}, starterCode: "" },
    });
    labs.push({ id: lab.id, versionId: version.id });
  }
  const submissions = Array.from({ length: SUBMISSIONS }, (_, index) => {
    const learnerIndex = Math.floor(next() * LEARNERS);
    const lab = labs[Math.floor(next() * LABS)] ?? labs[0];
    const isPassed = next() < 0.35;
    const failure = FAILURES[Math.floor(next() * FAILURES.length)] ?? FAILURES[0];
    const at = (enrolledAt[learnerIndex] ?? START) + Math.floor(next() * 30 * DAY_MS);
    return {
      userId: learners[learnerIndex]?.id ?? "",
      assignmentId: lab?.id ?? "",
      assignmentVersionId: lab?.versionId ?? "",
      attemptNumber: 1 + (index % 5),
      status: isPassed ? ("PASSED" as const) : failure.kind === "PLATFORM" ? ("ERROR" as const) : ("FAILED" as const),
      failureKind: isPassed ? null : failure.kind,
      failureCode: isPassed ? null : failure.code,
      message: isPassed ? null : failure.message,
      code: "export async function train() {}",
      codeSha256: "0".repeat(64),
      specSha256: "0".repeat(64),
      createdAt: new Date(at),
      queuedAt: new Date(at),
    };
  });
  await inChunks(submissions, (chunk) => db.submission.createMany({ data: chunk }));
  const choices = ["a", "b", "c", "d"].map((id) => ({ id, text: { en: id.toUpperCase(), "zh-CN": id.toUpperCase() } }));
  for (let quizIndex = 0; quizIndex < QUIZZES; quizIndex++) {
    const isExam = quizIndex === QUIZZES - 1;
    const quiz = await db.quiz.create({
      data: {
        courseId: course.id,
        slug: isExam ? "exam" : `quiz-${quizIndex}`,
        kind: isExam ? "EXAM" : "LESSON",
        title: { en: isExam ? "Exam" : `Quiz ${quizIndex}` },
      },
    });
    const questions: { id: string; key: string }[] = [];
    for (let position = 0; position < QUESTIONS_PER_QUIZ; position++) {
      const key = choices[position % choices.length]?.id ?? "a";
      const question = await db.quizQuestion.create({
        data: {
          quizId: quiz.id,
          key: `q${position}`,
          position,
          kind: "SINGLE",
          prompt: { en: `Question ${position}` },
          choices,
          answer: { choices: [key] },
          explanation: { en: "" },
        },
      });
      questions.push({ id: question.id, key });
    }
    const attempts = learners.flatMap((learner) => {
      const ability = next();
      return Array.from({ length: next() < 0.3 ? 2 : 1 }, (_, attemptIndex) => {
        const answers: Record<string, { choices: string[] }> = {};
        let score = 0;
        for (const question of questions) {
          const isRight = next() < 0.3 + 0.6 * ability;
          const picked = isRight ? question.key : (choices[Math.floor(next() * choices.length)]?.id ?? "a");
          answers[question.id] = { choices: [picked] };
          if (picked === question.key) score += 1;
        }
        return {
          quizId: quiz.id,
          userId: learner.id,
          questionIds: questions.map((question) => question.id),
          answers,
          score,
          maxScore: questions.length,
          isPassed: score / questions.length >= 0.6,
          submittedAt: new Date(START + (100 + attemptIndex) * DAY_MS),
        };
      });
    });
    await inChunks(attempts, (chunk) => db.quizAttempt.createMany({ data: chunk }));
  }
  // A live database's autovacuum keeps planner statistics; rows written a second ago have none yet.
  await db.$executeRaw`ANALYZE`;
  return { courseSlug, adminId: admin.id };
}

async function best(run: () => Promise<unknown>): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    await run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return Math.round(fastest);
}

async function main() {
  const seedStarted = performance.now();
  const { courseSlug, adminId } = await seedHistory();
  const seedMs = Math.round(performance.now() - seedStarted);
  const options = { viewer: { id: adminId, role: "ADMIN" as const }, courseSlug };
  const timings = {
    enrolmentTimelineMs: await best(() => getEnrolmentTimeline(options)),
    labStatisticsMs: await best(() => getLabStatistics(options)),
    quizItemStatisticsMs: await best(() => getQuizItemStatistics(options)),
    examScoreDistributionMs: await best(() => getExamScoreDistribution(options)),
    labsCsvMs: await best(() => exportAnalyticsCsv({ ...options, dataset: "labs" })),
  };
  const attempts = await db.quizAttempt.count({ where: { quiz: { course: { slug: courseSlug } } } });
  console.log(
    JSON.stringify({ learners: LEARNERS, submissions: SUBMISSIONS, quizAttempts: attempts, seedMs, ...timings }),
  );
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
