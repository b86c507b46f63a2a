// One grading run: materialise the TRAIN split, compile the learner's code, train it in the
// sandbox, then score the saved model on the held-out split outside the sandbox. Every failure is
// classified as the learner's (they can fix it) or the platform's (they cannot, and it should not
// count against them), from what the grader observed itself (classify-run.ts).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { GradingReceipt } from "@/lib/assignments/spec-schema";
import { errorMessage } from "@/lib/errors";
import { formatMetric } from "@/lib/submissions/format";
import { decodeWeightsBundle } from "@/lib/submissions/weights-bundle";
import { prepareDataset } from "@/grader/datasets/prepare";
import type { PreparedDataset } from "@/grader/datasets/types";
import { ScoringError, scoreSavedModel, type ScoreResult } from "@/grader/scoring/score-model";
import { learnerFailure, RunLog, type Failure } from "./classify-run";
import { checkModule } from "./check-module";
import { compileSubmission } from "./compile-submission";
import type { GradeRequest, GradeResult } from "./grade-types";
import { createJobFolder } from "./job-folder";
import {
  isTrainingDeterministic,
  sandboxPackageNames,
  trainingBackendFor,
  trainInSandbox,
  type TrainingOutcome,
} from "./train-in-sandbox";
import { writeUploadedModel } from "./uploaded-model";
import { GRADER_VERSION } from "./version";

export type { EpochPoint, FailureKind, GradeProgress, GradeRequest, GradeResult, LogLine } from "./grade-types";

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export async function gradeSubmission(request: GradeRequest): Promise<GradeResult> {
  const { spec, code, seed, onProgress } = request;
  const threshold = spec.metric.threshold;
  const log = new RunLog(onProgress);
  const codeSha256 = sha256(code);
  const finish = (
    fields: Pick<GradeResult, "status" | "message"> & Partial<GradeResult>,
    receipt: GradingReceipt | null,
  ): GradeResult => ({
    metrics: {},
    score: null,
    threshold,
    logs: log.logs,
    curves: log.curves,
    ...fields,
    receipt,
  });
  const fail = (failure: Failure, receipt: GradingReceipt | null, extra: Partial<GradeResult> = {}): GradeResult =>
    finish(
      {
        status: failure.kind === "learner" ? "failed" : "error",
        failureKind: failure.kind,
        failureCode: failure.code,
        message: failure.message,
        ...extra,
      },
      receipt,
    );

  onProgress?.({ type: "stage", stage: "preparing" });
  let dataset: PreparedDataset;
  try {
    dataset = prepareDataset(spec);
  } catch (error) {
    return fail(
      {
        kind: "platform",
        code: "dataset_unavailable",
        message: `The data set could not be prepared: ${errorMessage(error)}`,
      },
      null,
    );
  }
  const backend = trainingBackendFor(spec);
  const receipt: GradingReceipt = {
    codeSha256,
    datasetSha256: dataset.trainSha256,
    heldOutSha256: dataset.heldOutSha256,
    graderVersion: GRADER_VERSION,
    backend,
    seed,
    trainingMs: 0,
    scoringMs: 0,
    isDeterministic: false,
  };

  let folder: string | null = null;
  try {
    if (spec.mode === "weights") {
      // Take-home work: the learner trained elsewhere, so there is nothing to run, only files to score.
      const bundle = decodeWeightsBundle(code);
      if ("error" in bundle) return fail(learnerFailure("invalid_weights", bundle.error), receipt);
      folder = createJobFolder();
      const written = writeUploadedModel(path.join(folder, "output"), bundle);
      if (written) return fail(written, receipt);
      receipt.backend = "uploaded";
    } else {
      const codeBytes = Buffer.byteLength(code, "utf8");
      if (codeBytes > spec.budget.maxCodeBytes) {
        return fail(
          learnerFailure(
            "code_too_large",
            `Your code is ${codeBytes} bytes; this assignment accepts at most ${spec.budget.maxCodeBytes}.`,
          ),
          receipt,
        );
      }

      onProgress?.({ type: "stage", stage: "compiling" });
      const compiled = await compileSubmission(code, request.language ?? "javascript");
      if (!compiled.ok)
        return fail(learnerFailure("syntax_error", `Your code does not parse:\n${compiled.message}`), receipt);
      // Found on the host before any learner code runs, so not charged (attempt-policy.ts).
      const problem = await checkModule(code, request.language ?? "javascript", sandboxPackageNames(backend));
      if (problem) return fail(learnerFailure(problem.code, problem.message), receipt);

      onProgress?.({ type: "stage", stage: "training" });
      let training: TrainingOutcome;
      try {
        training = await trainInSandbox(request, backend, dataset, compiled.code, log);
      } catch (error) {
        return fail(
          {
            kind: "platform",
            code: "job_setup_failed",
            message: `The training job could not be set up: ${errorMessage(error)}`,
          },
          receipt,
        );
      }
      folder = training.folder;
      receipt.trainingMs = training.trainingMs;
      if (training.failure) return fail(training.failure, receipt);
    }

    onProgress?.({ type: "stage", stage: "scoring" });
    let scored: ScoreResult;
    try {
      scored = await scoreSavedModel({ folder: path.join(folder, "output"), spec, dataset });
    } catch (error) {
      if (error instanceof ScoringError) return fail(learnerFailure(error.code, error.message), receipt);
      return fail(
        { kind: "platform", code: "scoring_failed", message: `Scoring failed: ${errorMessage(error)}` },
        receipt,
      );
    }
    receipt.scoringMs = scored.scoringMs;
    const trainedOn = spec.mode === "weights" ? "uploaded" : backend;
    receipt.backend = `${scored.backend}/${trainedOn}`;
    receipt.isDeterministic = scored.isDeterministic && (spec.mode === "weights" || isTrainingDeterministic(backend));
    const shown = formatMetric(spec.metric.name, scored.value);
    const needed =
      `${spec.metric.direction === "higher" ? "at least" : "at most"} ` +
      `${formatMetric(spec.metric.name, threshold)}`;
    if (scored.passed) {
      return finish(
        {
          status: "passed",
          message: `Passed: ${spec.metric.name} on the held-out split is ${shown} (needed ${needed}).`,
          metrics: scored.metrics,
          score: scored.value,
        },
        receipt,
      );
    }
    return fail(
      learnerFailure(
        "below_threshold",
        `Not yet: ${spec.metric.name} on the held-out split is ${shown}; this assignment needs ${needed}.`,
      ),
      receipt,
      { metrics: scored.metrics, score: scored.value },
    );
  } finally {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  }
}
