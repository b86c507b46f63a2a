// One training run of a graded attempt: train the compiled code in the sandbox with this run's
// seed, then score what it saved on the held-out split outside the sandbox. The run's own log
// tags its curves and output with the run's number when the attempt makes several.
import path from "node:path";
import { errorMessage } from "@/lib/errors";
import type { PreparedDataset } from "@/grader/datasets/types";
import { ScoringError, scoreSavedModel, type ScoreResult } from "@/grader/scoring/score-model";
import { learnerFailure, RunLog, type Failure } from "./classify-run";
import type { CompiledModule } from "./compile-submission";
import type { GradeProgress, GradeRequest } from "./grade-types";
import { removeJobFolder } from "./job-folder";
import { trainInSandbox, type TrainingBackend } from "./train-in-sandbox";

export interface RunPlan {
  /** 1 for the first run. */
  run: number;
  /** Runs the attempt makes in all. */
  of: number;
  seed: number;
}

export type RunOutcome = {
  plan: RunPlan;
  log: RunLog;
  trainingMs: number;
} & ({ failure: Failure; scored: null } | { failure: null; scored: ScoreResult });

/** A line of a run's output, marked with the run when there are several. */
export function runText(plan: RunPlan, text: string): string {
  return plan.of === 1 ? text : `[run ${plan.run}] ${text}`;
}

/** The progress of one run, marked with its number when the attempt makes more than one. */
function runProgress(plan: RunPlan, onProgress: GradeRequest["onProgress"]): GradeRequest["onProgress"] {
  if (!onProgress || plan.of === 1) return onProgress;
  return (event: GradeProgress) => {
    if (event.type === "log") onProgress({ ...event, text: runText(plan, event.text) });
    else if (event.type === "epoch") onProgress({ ...event, run: plan.run });
    else onProgress({ ...event, run: plan.run, runs: plan.of });
  };
}

export async function trainAndScoreRun(
  request: GradeRequest,
  plan: RunPlan,
  backend: TrainingBackend,
  dataset: PreparedDataset,
  compiled: CompiledModule,
): Promise<RunOutcome> {
  const onProgress = runProgress(plan, request.onProgress);
  const log = new RunLog(onProgress);
  const ended = (failure: Failure, trainingMs: number): RunOutcome => ({
    plan,
    log,
    trainingMs,
    failure,
    scored: null,
  });

  onProgress?.({ type: "stage", stage: "training" });
  let training;
  try {
    training = await trainInSandbox({ ...request, seed: plan.seed }, backend, dataset, compiled, log);
  } catch (error) {
    return ended(
      {
        kind: "platform",
        code: "job_setup_failed",
        message: `The training job could not be set up: ${errorMessage(error)}`,
      },
      0,
    );
  }
  try {
    if (training.failure) return ended(training.failure, training.trainingMs);
    onProgress?.({ type: "stage", stage: "scoring" });
    try {
      const scored = await scoreSavedModel({
        folder: path.join(training.folder, "output"),
        spec: request.spec,
        dataset,
      });
      return { plan, log, trainingMs: training.trainingMs, failure: null, scored };
    } catch (error) {
      if (error instanceof ScoringError) return ended(learnerFailure(error.code, error.message), training.trainingMs);
      return ended(
        { kind: "platform", code: "scoring_failed", message: `Scoring failed: ${errorMessage(error)}` },
        training.trainingMs,
      );
    }
  } finally {
    removeJobFolder(training.folder);
  }
}
