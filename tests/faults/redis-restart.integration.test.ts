// Redis restarted mid-queue, on a redis-server of this test's own: whether it comes back with its
// append-only file or empty, every submission is still graded exactly once, none is lost, and
// none costs the learner more than the one attempt they used. Submitting while Redis is down
// still works: the submission and its job are in Postgres, and Redis is only the delivery.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openFaultLab, waitFor, type FaultLab } from "./support/fault-lab";

let lab: FaultLab;

before(async () => {
  lab = await openFaultLab({ name: "redis" });
});

after(async () => {
  await lab?.close();
});

/**
 * Graded, and graded once: every submission PASSED, attempts 1..n without a gap or a repeat, and no job left in the
 * queue.
 */
async function assertGradedOnce(learnerId: string, ids: string[]): Promise<void> {
  const rows = await Promise.all(ids.map((id) => lab.finished(id)));
  for (const row of rows) assert.equal(row.status, "PASSED", `${row.id}: ${row.message ?? ""}`);
  assert.deepEqual(
    rows.map((row) => row.attemptNumber).sort((a, b) => a - b),
    ids.map((_, index) => index + 1),
    "each submission took exactly one attempt",
  );
  assert.equal(
    await lab.db.submission.count({ where: { userId: learnerId } }),
    ids.length,
    "no submission was lost or duplicated",
  );
  // The worker stores the grade (and checks for a certificate) before BullMQ marks its job done,
  // so the queue empties a moment after the rows say PASSED; what must never happen is a job that stays.
  const queue = lab.platform.queue.getGradingQueue();
  const isDrained = async () =>
    Object.values(await queue.getJobCounts("waiting", "active", "delayed", "prioritized")).every(
      (count) => count === 0,
    );
  await waitFor("the queue to hold no job that could grade anything again", isDrained, 30_000);
  for (const row of await lab.db.submission.findMany({ where: { id: { in: ids } } }))
    assert.equal(row.status, "PASSED", "nothing graded any submission again");
}

/** Submitting must not wait for Redis: the outbox row is the job until Redis is back. */
async function submitDuringOutage(learner: { id: string; role: "LEARNER" }) {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            "createSubmission was still waiting for Redis after 20 s of outage; " +
              "a submission must be accepted while Redis is down",
          ),
        ),
      20_000,
    );
  });
  try {
    return await Promise.race([lab.submit(learner), stuck]);
  } finally {
    clearTimeout(timer);
  }
}

describe("Redis restarted mid-queue", () => {
  test(
    "a crash with the append-only file: the running job and the queued ones are all graded once",
    { timeout: 240_000 },
    async () => {
      const learner = await lab.createLearner();
      const worker = lab.startWorker();
      await lab.workerReady(worker);
      const queued = [];
      for (let i = 0; i < 3; i++) queued.push(await lab.submit(learner));
      await lab.running(queued[0]!.id);

      await lab.redis.crash();
      await lab.redis.start();

      await assertGradedOnce(
        learner.id,
        queued.map((submission) => submission.id),
      );
      await lab.stopWorker(worker, "SIGTERM");
    },
  );

  test(
    "a learner submitting while Redis is down is accepted, and graded once Redis is back",
    { timeout: 240_000 },
    async () => {
      const learner = await lab.createLearner();
      const worker = lab.startWorker();
      await lab.workerReady(worker);
      await lab.redis.crash();
      let duringOutage;
      try {
        duringOutage = await submitDuringOutage(learner);
      } finally {
        await lab.redis.start();
      }
      assert.equal(duringOutage.status, "QUEUED");
      await assertGradedOnce(learner.id, [duringOutage.id]);
      await lab.stopWorker(worker, "SIGTERM");
    },
  );

  test(
    "Redis comes back empty: the sweeper finds the submissions whose jobs vanished and grades them once",
    { timeout: 300_000 },
    async () => {
      const learner = await lab.createLearner();
      const worker = lab.startWorker();
      await lab.workerReady(worker);
      const running = await lab.submit(learner);
      const waiting = await lab.submit(learner);
      await lab.running(running.id);

      await lab.redis.crash();
      lab.redis.wipe();
      await lab.redis.start();

      await assertGradedOnce(learner.id, [running.id, waiting.id]);
      const recovered = await lab.db.submission.findUniqueOrThrow({ where: { id: waiting.id } });
      assert.ok(recovered.platformRetries >= 1, "the lost job was re-queued by the sweeper, not by the learner");
      await lab.stopWorker(worker, "SIGTERM");
    },
  );
});
