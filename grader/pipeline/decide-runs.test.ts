import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MetricSpec } from "@/lib/assignments/spec-schema";
import { decideRuns, type FinishedRun } from "./decide-runs";

const ACCURACY: MetricSpec = { name: "accuracy", threshold: 0.9, direction: "higher" };
const MSE: MetricSpec = { name: "mse", threshold: 0.35, direction: "lower" };

function scored(run: number, value: number, of = 3): FinishedRun {
  return {
    plan: { run, of, seed: 100 + run },
    trainingMs: 1000,
    failure: null,
    scored: { value, metrics: { accuracy: value, loss: 1 - value }, scoringMs: 10 },
  };
}

describe("deciding an attempt from its runs", () => {
  it("rule mean: passes on the mean, and records every run with the mean and its interval", () => {
    const verdict = decideRuns(ACCURACY, "mean", 3, [scored(2, 0.93), scored(1, 0.89), scored(3, 0.91)]);
    assert.equal(verdict.status, "passed");
    assert.ok(Math.abs((verdict.score ?? 0) - 0.91) < 1e-12);
    assert.deepEqual(
      verdict.certification.runs.map((run) => [run.run, run.seed, run.score]),
      [
        [1, 101, 0.89],
        [2, 102, 0.93],
        [3, 103, 0.91],
      ],
    );
    // s = 0.02, half-width 4.3027 · 0.02 / √3.
    const interval = verdict.certification.statistics?.interval;
    assert.ok(interval && Math.abs(interval.low - (0.91 - 0.049683)) < 1e-5);
    assert.ok(Math.abs((verdict.metrics.loss ?? 0) - 0.09) < 1e-12);
    assert.match(verdict.status === "passed" ? verdict.message : "", /mean is 91\.00% \(95% interval/);
  });

  it("rule every: the weakest run decides, so one run below fails the attempt", () => {
    const runs = [scored(1, 0.95), scored(2, 0.95), scored(3, 0.89)];
    assert.equal(decideRuns(ACCURACY, "mean", 3, runs).status, "passed");
    const verdict = decideRuns(ACCURACY, "every", 3, runs);
    assert.equal(verdict.status, "failed");
    assert.equal(verdict.failure?.code, "below_threshold");
    assert.equal(verdict.score, 0.89);
    assert.match(verdict.failure?.message ?? "", /needs every run at least 90\.00%, and the weakest is 89\.00%/);
  });

  it("a lower-is-better metric: the highest error is the weakest run", () => {
    const verdict = decideRuns(MSE, "every", 2, [scored(1, 0.3, 2), scored(2, 0.34, 2)]);
    assert.equal(verdict.status, "passed");
    assert.equal(verdict.score, 0.34);
  });

  it("one run reads as a single grading always did, with no interval", () => {
    const verdict = decideRuns(MSE, "mean", 1, [scored(1, 0.4, 1)]);
    assert.equal(verdict.status, "failed");
    assert.equal(
      verdict.failure?.message,
      "Not yet: mse on the held-out split is 0.4000; this assignment needs at most 0.3500.",
    );
    assert.equal(verdict.certification.statistics?.interval, null);
    assert.equal(verdict.certification.statistics?.standardDeviation, null);
  });

  it("a run that failed decides the attempt: the platform's before the learner's, naming the run", () => {
    const learner: FinishedRun = {
      plan: { run: 1, of: 3, seed: 7 },
      trainingMs: 500,
      failure: { kind: "learner", code: "exception", message: "boom" },
      scored: null,
    };
    const platform: FinishedRun = {
      plan: { run: 2, of: 3, seed: 8 },
      trainingMs: 0,
      failure: { kind: "platform", code: "sandbox_failed", message: "bwrap went away" },
      scored: null,
    };
    const charged = decideRuns(ACCURACY, "mean", 3, [learner, scored(2, 0.99)]);
    assert.equal(charged.status, "failed");
    assert.deepEqual(charged.failure, { kind: "learner", code: "exception", message: "Run 1 of 3 (seed 7): boom" });
    assert.equal(charged.score, null);
    assert.deepEqual(
      charged.certification.runs.map((run) => run.score),
      [null, 0.99],
    );

    const retried = decideRuns(ACCURACY, "mean", 3, [learner, platform]);
    assert.equal(retried.status, "error");
    assert.equal(retried.failure?.kind, "platform");
    assert.match(retried.failure?.message ?? "", /^Run 2 of 3 \(seed 8\): bwrap went away/);
  });
});
