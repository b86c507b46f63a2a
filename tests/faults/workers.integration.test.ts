// Worker processes on one queue: SIGTERM lets a worker finish the job it is running before it
// exits, and several workers in separate processes grade a batch without grading anything twice.
// (A worker killed with SIGKILL mid-job is grader/worker.integration.test.ts.)
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openFaultLab, type FaultLab } from "./support/fault-lab";

let lab: FaultLab;

before(async () => {
  lab = await openFaultLab({ name: "workers" });
});

after(async () => {
  await lab?.close();
});

/** How many times BullMQ handed each submission's jobs to a worker, summed over its outbox rows. */
async function deliveries(submissionId: string): Promise<number> {
  const rows = await lab.db.outboxJob.findMany({
    where: { payload: { path: ["submissionId"], equals: submissionId } },
    select: { id: true },
  });
  let count = 0;
  for (const row of rows) count += (await lab.platform.queue.getGradingQueue().getJob(row.id))?.attemptsStarted ?? 0;
  return count;
}

describe("grader workers", () => {
  test("SIGTERM mid-job: the worker finishes the job, then exits cleanly", { timeout: 180_000 }, async () => {
    const learner = await lab.createLearner();
    const worker = lab.startWorker();
    await lab.workerReady(worker);
    const submission = await lab.submit(learner);
    await lab.running(submission.id);

    const exit = await lab.stopWorker(worker, "SIGTERM");
    assert.deepEqual(exit, { code: 0, signal: null });
    const graded = await lab.db.submission.findUniqueOrThrow({ where: { id: submission.id } });
    assert.equal(graded.status, "PASSED", `graded before the worker exited: ${graded.status} ${graded.message ?? ""}`);
    assert.equal(graded.workerId, worker.workerId);
    assert.equal(graded.platformRetries, 0);
    assert.equal(await deliveries(submission.id), 1);
  });

  test(
    "SIGTERM with a job that outlasts the drain: the worker hands it back and exits; another grades it, uncharged",
    { timeout: 180_000 },
    async () => {
      const learner = await lab.createLearner();
      const leaving = lab.startWorker({ GRADER_DRAIN_SECONDS: "0" });
      await lab.workerReady(leaving);
      const submission = await lab.submit(learner);
      await lab.running(submission.id);

      const exit = await lab.stopWorker(leaving, "SIGTERM");
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.ok(
        leaving.records.some((record) => record.msg === "handing back jobs still running" && record.runningJobs === 1),
        leaving.lines.join("\n"),
      );
      assert.equal(
        (await lab.db.submission.findUniqueOrThrow({ where: { id: submission.id } })).status,
        "RUNNING",
        "the job was handed back, not finished",
      );

      const taker = lab.startWorker();
      const graded = await lab.finished(submission.id);
      assert.equal(graded.status, "PASSED", graded.message ?? "");
      assert.equal(graded.workerId, taker.workerId);
      assert.equal(graded.attemptNumber, 1, "the hand-back did not cost the learner an attempt");
      assert.ok(graded.platformRetries >= 1, "the take-over is recorded as the platform's");
      assert.equal(await lab.db.submission.count({ where: { userId: learner.id } }), 1);
      await lab.stopWorker(taker, "SIGTERM");
    },
  );

  test(
    "three workers share one queue: every submission graded once, by one of them",
    { timeout: 240_000 },
    async () => {
      const workers = [lab.startWorker(), lab.startWorker(), lab.startWorker()];
      await Promise.all(workers.map((worker) => lab.workerReady(worker)));
      const learners = await Promise.all([lab.createLearner(), lab.createLearner(), lab.createLearner()]);
      const submissions = [];
      for (const learner of learners) for (let i = 0; i < 3; i++) submissions.push(await lab.submit(learner));

      const graded = await Promise.all(submissions.map((submission) => lab.finished(submission.id)));
      for (const row of graded) {
        assert.equal(row.status, "PASSED", row.message ?? "");
        assert.equal(row.platformRetries, 0, `${row.id} was not taken over or retried`);
        assert.equal(await deliveries(row.id), 1, `${row.id} was handed to a worker exactly once`);
      }
      const gradedBy = new Set(graded.map((row) => row.workerId));
      assert.ok(gradedBy.size >= 2, `the workers shared the batch (graded by ${[...gradedBy].join(", ")})`);
      for (const id of gradedBy) assert.ok(workers.some((worker) => worker.workerId === id));
      for (const learner of learners) {
        const attempts = graded.filter((row) => row.userId === learner.id).map((row) => row.attemptNumber);
        assert.deepEqual(attempts.sort(), [1, 2, 3]);
      }
      await Promise.all(workers.map((worker) => lab.stopWorker(worker, "SIGTERM")));
    },
  );
});
