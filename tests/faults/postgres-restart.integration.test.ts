// Postgres restarted, on a Postgres server of this test's own: while the grader is writing a
// result, the job is retried and the submission graded once without costing another attempt;
// while the HTTP API serves, callers are told the service is temporarily unavailable, and the
// same process serves again once Postgres is back, without a restart.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, test } from "node:test";
import { openFaultLab, REFERENCE, waitFor, type FaultLab } from "./support/fault-lab";

let lab: FaultLab;

before(async () => {
  lab = await openFaultLab({ name: "postgres", hasOwnPostgres: true });
});

after(async () => {
  await lab?.close();
});

describe("Postgres restarted", () => {
  test(
    "while a result is being written: the job is retried and the submission graded once, one attempt",
    { timeout: 240_000 },
    async () => {
      const learner = await lab.createLearner();
      const worker = lab.startWorker();
      await lab.workerReady(worker);
      const submission = await lab.submit(learner);
      await lab.running(submission.id);

      const postgres = lab.postgres!;
      const failures = () => worker.records.filter((record) => record.msg === "job failed").length;
      const failuresBefore = failures();
      await postgres.stop();
      try {
        // Training needs no database; the first write after it (the result) is what fails.
        await waitFor("the worker to fail writing to the stopped Postgres", async () => failures() > failuresBefore);
      } finally {
        await postgres.start();
      }

      const graded = await lab.finished(submission.id);
      assert.equal(graded.status, "PASSED", graded.message ?? "");
      assert.equal(graded.attemptNumber, 1, "the retry did not charge the learner another attempt");
      assert.ok(graded.platformRetries >= 1, "the retry is recorded as the platform's");
      assert.equal(await lab.db.submission.count({ where: { userId: learner.id } }), 1);
      await lab.stopWorker(worker, "SIGTERM");
    },
  );

  test(
    "while the API serves: it answers 503 'temporarily unavailable', then serves again by itself",
    { timeout: 120_000 },
    async () => {
      const [{ POST: submitRoute }, { GET: healthRoute }, { createApiToken }] = await Promise.all([
        import("../../app/api/v1/submissions/route"),
        import("../../app/api/health/route"),
        import("../../lib/api-tokens/create-api-token"),
      ]);
      const learner = await lab.createLearner();
      const { token } = await createApiToken({ user: learner, input: { name: "fault test" } });
      const submitRequest = () =>
        new Request("http://localhost/api/v1/submissions", {
          method: "POST",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json",
            "x-forwarded-for": `10.9.${crypto.randomInt(256)}.${crypto.randomInt(256)}`,
          },
          body: JSON.stringify({ course: lab.courseSlug, assignment: "linear-regression", code: REFERENCE }),
        });

      const postgres = lab.postgres!;
      await postgres.stop();
      try {
        const health = await healthRoute();
        assert.equal(health.status, 503);
        const refused = await submitRoute(submitRequest());
        const body = (await refused.json()) as { error: { code: string; message: string } };
        assert.equal(
          refused.status,
          503,
          `a submission while Postgres is down is refused as unavailable, not as a bug: ${JSON.stringify(body)}`,
        );
        assert.match(body.error.message, /temporarily unavailable/i);
        assert.ok(refused.headers.get("retry-after"), "the caller is told when to try again");
      } finally {
        await postgres.start();
      }

      assert.equal((await healthRoute()).status, 200, "the health check recovers without a restart");
      const accepted = await submitRoute(submitRequest());
      assert.equal(accepted.status, 201, await accepted.clone().text());
      assert.equal(
        await lab.db.submission.count({ where: { userId: learner.id } }),
        1,
        "only the accepted submission exists",
      );
    },
  );
});
