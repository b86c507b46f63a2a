// Turns the training runs of one graded attempt into its verdict. A run that failed decides the
// attempt: the platform's failure first (the attempt is retried, uncharged), else the learner's
// (charged). When every run was scored, the lab's rule decides: the mean of the runs must clear
// the threshold, or every run must. One run reads exactly as a grading did before runs existed.
import type { CertificationRecord, CertificationRule, RunReceipt } from "@/lib/assignments/certification";
import type { MetricSpec } from "@/lib/assignments/spec-schema";
import { meanInterval } from "@/lib/statistics/mean-interval";
import { formatMetric } from "@/lib/submissions/format";
import type { Failure } from "./classify-run";
import { learnerFailure } from "./classify-run";
import type { RunPlan } from "./train-and-score-run";

/** What the verdict needs of a run: how it ended, and its scores when it was scored. */
export interface FinishedRun {
  plan: RunPlan;
  trainingMs: number;
  failure: Failure | null;
  scored: { value: number; metrics: Record<string, number>; scoringMs: number } | null;
}

export type RunVerdict = {
  score: number | null;
  metrics: Record<string, number>;
  certification: CertificationRecord;
} & ({ status: "passed"; message: string; failure: null } | { status: "failed" | "error"; failure: Failure });

function clears(metric: MetricSpec, value: number): boolean {
  return metric.direction === "higher" ? value >= metric.threshold : value <= metric.threshold;
}

/** The worst of the runs: the one the `every` rule is decided by. */
function worst(metric: MetricSpec, values: number[]): number {
  return metric.direction === "higher" ? Math.min(...values) : Math.max(...values);
}

function meanMetrics(runs: { metrics: Record<string, number> }[]): Record<string, number> {
  const names = [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))];
  return Object.fromEntries(
    names.map((name) => {
      const values = runs.flatMap((run) => (name in run.metrics ? [run.metrics[name] as number] : []));
      return [name, values.reduce((sum, value) => sum + value, 0) / values.length];
    }),
  );
}

function receiptOf(run: FinishedRun): RunReceipt {
  return {
    run: run.plan.run,
    seed: run.plan.seed,
    score: run.scored?.value ?? null,
    metrics: run.scored?.metrics ?? {},
    trainingMs: Math.round(run.trainingMs),
    scoringMs: Math.round(run.scored?.scoringMs ?? 0),
  };
}

export function decideRuns(
  metric: MetricSpec,
  rule: CertificationRule,
  plannedRuns: number,
  finished: FinishedRun[],
): RunVerdict {
  const runs = [...finished].sort((a, b) => a.plan.run - b.plan.run);
  const scored = runs.flatMap((run) => (run.scored ? [run.scored] : []));
  const values = scored.map((run) => run.value);
  const stats = values.length > 0 ? meanInterval(values) : null;
  const certification: CertificationRecord = {
    rule,
    plannedRuns,
    runs: runs.map(receiptOf),
    statistics: stats && {
      count: stats.count,
      mean: stats.mean,
      standardDeviation: stats.standardDeviation,
      interval: stats.interval,
    },
  };
  const failed =
    runs.find((run) => run.failure?.kind === "platform") ?? runs.find((run) => run.failure?.kind === "learner");
  if (failed?.failure) {
    const { kind, code, message } = failed.failure;
    const which = plannedRuns > 1 ? `Run ${failed.plan.run} of ${plannedRuns} (seed ${failed.plan.seed}): ` : "";
    return {
      status: kind === "learner" ? "failed" : "error",
      failure: { kind, code, message: `${which}${message}` },
      score: null,
      metrics: {},
      certification,
    };
  }
  if (!stats) throw new Error("an attempt without a failed run must have scored runs");
  const metrics = meanMetrics(scored);

  const name = metric.name;
  const show = (value: number) => formatMetric(name, value);
  const bound = metric.direction === "higher" ? "at least" : "at most";
  const needed = `${bound} ${show(metric.threshold)}`;
  /** The verdict on `value`, the number the rule compares with the threshold, in the words for each outcome. */
  const verdict = (value: number, words: { passed: string; notYet: string }): RunVerdict =>
    clears(metric, value)
      ? { status: "passed", failure: null, message: words.passed, score: value, metrics, certification }
      : {
          status: "failed",
          failure: learnerFailure("below_threshold", words.notYet),
          score: value,
          metrics,
          certification,
        };

  if (plannedRuns === 1) {
    const value = stats.mean;
    return verdict(value, {
      passed: `Passed: ${name} on the held-out split is ${show(value)} (needed ${needed}).`,
      notYet: `Not yet: ${name} on the held-out split is ${show(value)}; this assignment needs ${needed}.`,
    });
  }

  const interval = stats.interval ? `95% interval ${show(stats.interval.low)} to ${show(stats.interval.high)}` : "";
  const each = values.map(show).join(", ");
  const summary = `${plannedRuns} runs with different seeds gave ${name} ${each} on the held-out split`;
  if (rule === "mean") {
    const mean = `the mean is ${show(stats.mean)} (${interval})`;
    return verdict(stats.mean, {
      passed: `Passed: ${summary}; ${mean}, and the mean needed to be ${needed}.`,
      notYet: `Not yet: ${summary}; ${mean}, and this assignment needs the mean ${needed}.`,
    });
  }
  const weakest = worst(metric, values);
  const mean = `mean ${show(stats.mean)}, ${interval}`;
  return verdict(weakest, {
    passed: `Passed: ${summary} (${mean}); every run needed to be ${needed}, and the weakest is ${show(weakest)}.`,
    notYet: `Not yet: ${summary} (${mean}); this assignment needs every run ${needed}, and the weakest is ${show(weakest)}.`,
  });
}
