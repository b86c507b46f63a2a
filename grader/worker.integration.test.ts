// The whole path a submission takes, on the real services: the web side writes it with its
// outbox row, real worker processes (real sandbox, real data) grade it, and a worker killed with
// SIGKILL mid-job costs neither a lost submission, nor a second grade, nor the learner an attempt.
// A platform failure that persists ends as an uncharged error after its retries; a forged one is
// charged at once.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { loadAssignmentSpec } from "../lib/assignments/load-assignment";
import { specSha256 } from "../lib/assignments/spec-hash";
import { db } from "../lib/db";
import { childEnvironment, withoutSigningKey } from "../lib/env";
import { closeGradingQueue, getGradingQueue } from "../lib/queue/grading-queue";
import { chargedAttemptsWhere } from "../lib/submissions/attempt-policy";
import { createSubmission } from "../lib/submissions/create-submission";
import { sweep } from "./sweeper";

const ROOT = path.resolve(import.meta.dirname, "..");
const LAB_DIR = path.join(ROOT, "content/courses/ml-foundations/assignments/linear-regression");
const REFERENCE = fs.readFileSync(path.join(LAB_DIR, "reference.js"), "utf8");
const WEAK = fs.readFileSync(path.join(LAB_DIR, "weak.js"), "utf8");

const workers = new Set<ChildProcess>();

/** A grader worker as `npm start` runs it, with short lock and heartbeat periods so takeovers happen within seconds. */
function startWorker(overrides: Record<string, string> = {}): ChildProcess {
  const worker = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "grader/index.ts")], {
    cwd: ROOT,
    env: withoutSigningKey(childEnvironment({ GRADER_LOCK_SECONDS: "4", GRADER_HEARTBEAT_SECONDS: "1", ...overrides })),
    stdio: ["ignore", "inherit", "inherit"],
  });
  workers.add(worker);
  worker.once("exit", () => workers.delete(worker));
  return worker;
}

async function stopWorker(worker: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.once("exit", resolve));
  worker.kill(signal);
  await exited;
}

async function waitFor<T>(
  what: string,
  read: () => Promise<T | null | undefined | false>,
  timeoutMs = 240_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const finished = (id: string) =>
  waitFor(`submission ${id} to finish`, async () => {
    const row = await db.submission.findUniqueOrThrow({ where: { id } });
    return ["PASSED", "FAILED", "ERROR"].includes(row.status) ? row : null;
  });

let learner: { id: string; role: "LEARNER" };
const courseSlug = `worker-test-${crypto.randomUUID().slice(0, 8)}`;

before(async () => {
  const spec = loadAssignmentSpec("ml-foundations", "linear-regression");
  // A lab the course does not have: no pass here ever completes the course.
  const passRule = {
    requiredLabs: ["never-offered"],
    minLessonQuizPercent: 0,
    minExamPercent: 0,
    passMarkPercent: 0,
    weights: { labs: 1, quizzes: 0, exam: 0 },
  };
  const course = await db.course.create({
    data: { slug: courseSlug, title: { en: "Worker test" }, summary: { en: "" }, passRule },
  });
  const assignment = await db.assignment.create({
    data: { courseId: course.id, slug: spec.slug, position: 0, title: spec.title },
  });
  await db.assignmentVersion.create({
    data: {
      assignmentId: assignment.id,
      version: 1,
      spec,
      specSha256: specSha256(spec),
      brief: { en: "", "zh-CN": "" },
      starterCode: "",
      maxAttempts: spec.maxAttempts ?? null,
    },
  });
  const user = await db.user.create({
    data: { email: `${courseSlug}@example.com`, name: "Worker Test", passwordHash: "unused" },
  });
  await db.enrolment.create({ data: { userId: user.id, courseId: course.id } });
  learner = { id: user.id, role: "LEARNER" };
});

after(async () => {
  await Promise.all([...workers].map((worker) => stopWorker(worker, "SIGKILL")));
  await getGradingQueue().obliterate({ force: true });
  await closeGradingQueue();
  await db.$disconnect();
});

const submit = (code: string) => createSubmission(learner, { courseSlug, assignmentSlug: "linear-regression", code });

/** The BullMQ job of a submission's first outbox row, once the relay has enqueued it. */
async function jobOf(submissionId: string) {
  const row = await db.outboxJob.findFirst({
    where: { payload: { path: ["submissionId"], equals: submissionId } },
    orderBy: { createdAt: "asc" },
  });
  return row ? await getGradingQueue().getJob(row.id) : undefined;
}

async function chargedAttempts(submissionId: string): Promise<number> {
  const { assignmentId } = await db.submission.findUniqueOrThrow({ where: { id: submissionId } });
  return db.submission.count({ where: chargedAttemptsWhere(learner.id, assignmentId) });
}

describe("grading through the queue", () => {
  test("a submission written while no job was enqueued is picked up by the sweeper", async () => {
    const submission = await submit(REFERENCE);
    // Simulates a web process that died between its commit and the enqueue.
    await getGradingQueue().obliterate({ force: true });
    await db.outboxJob.updateMany({
      where: { payload: { path: ["submissionId"], equals: submission.id } },
      data: { state: "PENDING", enqueuedAt: null },
    });
    const { relayed } = await sweep(getGradingQueue());
    assert.ok(relayed >= 1, "the sweeper moved the pending outbox row onto the queue");
    assert.equal(await getGradingQueue().count(), 1);
  });

  test("a worker grades the reference (passes) and the weak solution (fails), charging one attempt each", async () => {
    startWorker();
    const weak = await submit(WEAK);
    const [first] = await db.submission.findMany({
      where: { userId: learner.id },
      orderBy: { createdAt: "asc" },
      take: 1,
    });
    assert.ok(first);
    const graded = await finished(first.id);
    assert.equal(graded.status, "PASSED", graded.message ?? "");
    assert.ok(graded.score !== null && graded.score <= 0.35);
    assert.equal(graded.failureKind, null);
    assert.match(graded.codeSha256, /^[0-9a-f]{64}$/);
    assert.match(graded.heldOutSha256 ?? "", /^[0-9a-f]{64}$/);
    assert.ok(graded.graderVersion && graded.backend && graded.seed !== null);

    const failed = await finished(weak.id);
    assert.equal(failed.status, "FAILED", failed.message ?? "");
    assert.equal(failed.failureKind, "LEARNER");
    assert.equal(failed.attemptNumber, 2);
  });

  test("a worker killed mid-job: another takes over, the submission is graded once and costs one attempt", async () => {
    for (const worker of [...workers]) await stopWorker(worker, "SIGTERM");
    const doomed = startWorker();
    const submission = await submit(REFERENCE);
    await waitFor(
      "the worker to start grading",
      async () => (await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).status === "RUNNING",
    );
    await stopWorker(doomed, "SIGKILL");

    startWorker();
    const graded = await finished(submission.id);
    assert.equal(graded.status, "PASSED", graded.message ?? "");
    assert.equal(graded.attemptNumber, submission.attemptNumber, "the takeover did not charge another attempt");
    assert.ok(graded.platformRetries >= 1, "the takeover is recorded");
    assert.equal(
      await db.submission.count({
        where: { userId: learner.id, codeSha256: graded.codeSha256, attemptNumber: graded.attemptNumber },
      }),
      1,
    );
  });
  test("a forged platform fault (a WebAssembly trap) is charged as the learner's and never retried", async () => {
    if (workers.size === 0) startWorker();
    const submission = await submit(
      `export async function train() { throw new WebAssembly.RuntimeError("memory access out of bounds"); }`,
    );
    const graded = await finished(submission.id);
    assert.equal(graded.status, "FAILED", graded.message ?? "");
    assert.equal(graded.failureKind, "LEARNER");
    assert.equal(graded.failureCode, "exception");
    assert.match(graded.message ?? "", /RuntimeError: memory access out of bounds/);
    assert.equal(graded.platformRetries, 0);
    assert.equal((await jobOf(submission.id))?.attemptsStarted, 1, "graded in one delivery, not retried");
    assert.equal(await chargedAttempts(submission.id), submission.attemptNumber, "the attempt is charged");
  });

  test("a sandbox that cannot be set up is retried, then ends as ERROR without charging an attempt", async () => {
    for (const worker of [...workers]) await stopWorker(worker, "SIGTERM");
    // A data folder whose job folder can never be made: a file stands where the jobs folder goes.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-no-jobs-"));
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, "jobs"), "not a folder");
    const broken = startWorker({ GRADIENT_DATA_DIR: dataDir });
    try {
      const submission = await submit(REFERENCE);
      const chargedBefore = await chargedAttempts(submission.id);
      const ended = await waitFor(`submission ${submission.id} to end`, async () => {
        const job = await jobOf(submission.id);
        // Skips the exponential backoff between tries; the tries themselves are the worker's.
        if (job && (await job.getState()) === "delayed") await job.promote().catch(() => undefined);
        const row = await db.submission.findUniqueOrThrow({ where: { id: submission.id } });
        return ["PASSED", "FAILED", "ERROR"].includes(row.status) ? row : null;
      });
      assert.equal(ended.status, "ERROR", ended.message ?? "");
      assert.equal(ended.failureKind, "PLATFORM");
      assert.equal(ended.failureCode, "job_setup_failed");
      assert.match(ended.message ?? "", /could not be set up/);
      assert.match(ended.message ?? "", /gave up after 5 tries\. This does not count as an attempt/);
      assert.equal(ended.platformRetries, 4, "handed back after each of the first four tries");
      const job = await jobOf(submission.id);
      assert.equal(job?.attemptsStarted, 5);
      assert.equal(await job?.getState(), "completed", "the job is over: nothing retries it again");
      assert.equal(await chargedAttempts(submission.id), chargedBefore - 1, "the failed submission is not charged");
    } finally {
      await stopWorker(broken, "SIGTERM");
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
