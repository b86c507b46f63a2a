// One graded attempt: materialise the TRAIN split, compile the learner's code, then make the lab's
// training runs (one unless the lab asks for several, each with its own seed, trained in the
// sandbox and scored on the held-out split outside it), and decide the attempt from them
// (decide-runs.ts). Every failure is classified as the learner's (they can fix it) or the
// platform's (they cannot, and it should not count against them), from what the grader observed
// itself (classify-run.ts).
import { createHash } from "node:crypto";
import path from "node:path";
import { certificationOf, type CertificationRecord } from "@/lib/assignments/certification";
import type { GradingReceipt } from "@/lib/assignments/spec-schema";
import { errorMessage } from "@/lib/errors";
import { decodeWeightsBundle } from "@/lib/submissions/weights-bundle";
import { prepareDataset } from "@/grader/datasets/prepare";
import type { PreparedDataset } from "@/grader/datasets/types";
import { ScoringError, scoreSavedModel } from "@/grader/scoring/score-model";
import { learnerFailure, RunLog, type Failure } from "./classify-run";
import { checkModule } from "./check-module";
import { compileSubmission } from "./compile-submission";
import { decideRuns } from "./decide-runs";
import type { GradeRequest, GradeResult } from "./grade-types";
import { createJobFolder, removeJobFolder } from "./job-folder";
import { parallelRunsFor } from "./parallel-runs";
import { runInTurns } from "./run-in-turns";
import { nativeEngineLabel, nativeEngineSetup } from "./native-engine";
import { runSeed } from "./run-seeds";
import { runText, trainAndScoreRun, type RunOutcome } from "./train-and-score-run";
import { isTrainingDeterministic, sandboxPackageNames, trainingBackendFor } from "./train-in-sandbox";
import { writeUploadedModel } from "./uploaded-model";
import { GRADER_VERSION } from "./version";

export type { EpochPoint, FailureKind, GradeProgress, GradeRequest, GradeResult, LogLine } from "./grade-types";

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The receipt's engines, scorer's then trainer's ("wasm/wasm"), with the native engine's library,
 * version and thread count when either used it ("native/native · oneDNN 2.6.3 (AVX-512, OpenMP), 1 thread").
 */
function engineNames(scoredOn: string, trainedOn: string): string {
  const names = `${scoredOn}/${trainedOn}`;
  const native = nativeEngineSetup();
  const usedNative = scoredOn.startsWith("native") || trainedOn === "native";
  return native && usedNative ? `${names} · ${nativeEngineLabel(native)}` : names;
}

export async function gradeSubmission(request: GradeRequest): Promise<GradeResult> {
  const { spec, code, seed, onProgress } = request;
  const threshold = spec.metric.threshold;
  const { rule } = certificationOf(spec);
  const plannedRuns = spec.mode === "weights" ? 1 : (request.runs ?? certificationOf(spec).runs);
  const log = new RunLog(onProgress);
  const codeSha256 = sha256(code);
  const noRuns: CertificationRecord = { rule, plannedRuns, runs: [], statistics: null };
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
  const fail = (failure: Failure, receipt: GradingReceipt | null): GradeResult =>
    finish(
      {
        status: failure.kind === "learner" ? "failed" : "error",
        failureKind: failure.kind,
        failureCode: failure.code,
        message: failure.message,
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
    certification: noRuns,
  };

  /** The attempt decided from its runs, with their logs and curves in run order. */
  const finishRuns = (outcomes: RunOutcome[]): GradeResult => {
    const runs = [...outcomes].sort((a, b) => a.plan.run - b.plan.run);
    const verdict = decideRuns(spec.metric, rule, plannedRuns, runs);
    const scored = runs.flatMap((run) => (run.scored ? [run.scored] : []));
    const trainedOn = spec.mode === "weights" ? "uploaded" : backend;
    receipt.trainingMs = runs.reduce((sum, run) => sum + run.trainingMs, 0);
    receipt.scoringMs = scored.reduce((sum, run) => sum + run.scoringMs, 0);
    if (scored[0]) receipt.backend = engineNames(scored[0].backend, trainedOn);
    receipt.isDeterministic =
      scored.length > 0 &&
      scored.every((run) => run.isDeterministic) &&
      (spec.mode === "weights" || isTrainingDeterministic(backend));
    receipt.certification = verdict.certification;
    const fields = {
      logs: [
        ...log.logs,
        ...runs.flatMap((run) => run.log.logs.map((line) => ({ ...line, text: runText(run.plan, line.text) }))),
      ],
      curves: runs.flatMap((run) =>
        run.log.curves.map((point) => (plannedRuns > 1 ? { run: run.plan.run, ...point } : point)),
      ),
      metrics: verdict.metrics,
      score: verdict.score,
    };
    if (verdict.status === "passed") return finish({ status: "passed", message: verdict.message, ...fields }, receipt);
    const { failure } = verdict;
    return finish(
      {
        status: verdict.status,
        failureKind: failure.kind,
        failureCode: failure.code,
        message: failure.message,
        ...fields,
      },
      receipt,
    );
  };

  let folder: string | null = null;
  try {
    if (spec.mode === "train") {
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

      const outcomes = await runInTurns(
        plannedRuns,
        parallelRunsFor(spec, plannedRuns),
        (index) => {
          const run = index + 1;
          const plan = { run, of: plannedRuns, seed: runSeed(seed, run) };
          return trainAndScoreRun(request, plan, backend, dataset, compiled);
        },
        (outcome) => outcome.failure !== null,
      );
      return finishRuns(outcomes);
    }

    // Take-home work: the learner trained elsewhere, so there is nothing to run, only files to score.
    const bundle = decodeWeightsBundle(code);
    if ("error" in bundle) return fail(learnerFailure("invalid_weights", bundle.error), receipt);
    folder = createJobFolder();
    const written = writeUploadedModel(path.join(folder, "output"), bundle);
    if (written) return fail(written, receipt);
    receipt.backend = "uploaded";
    const plan = { run: 1, of: 1, seed };
    onProgress?.({ type: "stage", stage: "scoring" });
    try {
      const scored = await scoreSavedModel({ folder: path.join(folder, "output"), spec, dataset });
      return finishRuns([{ plan, log: new RunLog(), trainingMs: 0, failure: null, scored }]);
    } catch (error) {
      if (error instanceof ScoringError) return fail(learnerFailure(error.code, error.message), receipt);
      return fail(
        { kind: "platform", code: "scoring_failed", message: `Scoring failed: ${errorMessage(error)}` },
        receipt,
      );
    }
  } finally {
    if (folder) removeJobFolder(folder);
  }
}
