// One practice run ("Check my code"): the graded pipeline's own steps (host-side module check,
// compile, the same sandbox, the trusted scorer) on the lab's public practice sample with a short
// clock, scored on the public validation sample. It never reads the held-out split: the dataset it
// hands on has the validation sample in its heldOut place (grader/datasets/practice-split.ts).
import path from "node:path";
import type { AssignmentSpec } from "@/lib/assignments/spec-schema";
import { errorMessage } from "@/lib/errors";
import { practiceBudget } from "@/lib/practice/practice-budget";
import { formatMetric } from "@/lib/submissions/format";
import { prepareDataset } from "@/grader/datasets/prepare";
import { practiceDataset } from "@/grader/datasets/practice-split";
import type { PreparedDataset } from "@/grader/datasets/types";
import { ScoringError, scoreSavedModel } from "@/grader/scoring/score-model";
import { checkModule } from "@/grader/pipeline/check-module";
import { RunLog, type Failure } from "@/grader/pipeline/classify-run";
import { compileSubmission, type SubmissionLanguage } from "@/grader/pipeline/compile-submission";
import { removeJobFolder } from "@/grader/pipeline/job-folder";
import type { EpochPoint, GradeProgress, LogLine } from "@/grader/pipeline/grade-types";
import { sandboxPackageNames, trainingBackendFor, trainInSandbox } from "@/grader/pipeline/train-in-sandbox";

export interface PracticeRequest {
  spec: AssignmentSpec;
  code: string;
  language: SubmissionLanguage;
  seed: number;
  onProgress?: (event: GradeProgress) => void;
}

export interface PracticeResult {
  /** completed: it trained and was scored; failed: the learner's code did not get there; error: the platform's. */
  status: "completed" | "failed" | "error";
  failureCode: string | null;
  message: string;
  /** Where a parse error or an unavailable import is, 1-based. */
  line: number | null;
  column: number | null;
  /** The lab's metric on the validation sample. */
  metricValue: number | null;
  metrics: Record<string, number>;
  /** The output shape the scorer checked the model against, once it passed that check. */
  outputShape: string | null;
  parameters: number | null;
  logs: LogLine[];
  curves: EpochPoint[];
}

/** The lab's spec with a practice run's clock; everything else (memory, parameters, epochs) stays the lab's. */
function practiceSpec(spec: AssignmentSpec): AssignmentSpec {
  return { ...spec, budget: { ...spec.budget, trainingSeconds: practiceBudget(spec).trainingSeconds } };
}

function outputShapeOf(dataset: PreparedDataset): string {
  return dataset.task === "classification" ? `[batch, ${dataset.classNames?.length ?? 0}]` : "[batch, 1]";
}

export async function runPractice(request: PracticeRequest): Promise<PracticeResult> {
  const spec = practiceSpec(request.spec);
  const log = new RunLog(request.onProgress);
  const end = (fields: Partial<PracticeResult> & Pick<PracticeResult, "status" | "message">): PracticeResult => ({
    failureCode: null,
    line: null,
    column: null,
    metricValue: null,
    metrics: {},
    outputShape: null,
    parameters: null,
    logs: log.logs,
    curves: log.curves,
    ...fields,
  });
  const failed = (failure: Failure): PracticeResult =>
    end({
      status: failure.kind === "learner" ? "failed" : "error",
      failureCode: failure.code,
      message: failure.message,
    });

  if (spec.mode !== "train") {
    return end({ status: "failed", failureCode: "not_a_training_lab", message: "This lab grades uploaded weights." });
  }
  const codeBytes = Buffer.byteLength(request.code, "utf8");
  if (codeBytes > spec.budget.maxCodeBytes) {
    return end({
      status: "failed",
      failureCode: "code_too_large",
      message: `Your code is ${codeBytes} bytes; this lab accepts at most ${spec.budget.maxCodeBytes}.`,
    });
  }

  request.onProgress?.({ type: "stage", stage: "preparing" });
  let dataset: PreparedDataset;
  try {
    dataset = practiceDataset(prepareDataset(spec), spec);
  } catch (error) {
    return failed({
      kind: "platform",
      code: "dataset_unavailable",
      message: `The data set could not be prepared: ${errorMessage(error)}`,
    });
  }
  const backend = trainingBackendFor(spec);

  request.onProgress?.({ type: "stage", stage: "compiling" });
  const problem = await checkModule(request.code, request.language, sandboxPackageNames(backend));
  if (problem) {
    return end({
      status: "failed",
      failureCode: problem.code,
      message: problem.message,
      line: problem.line ?? null,
      column: problem.column ?? null,
    });
  }
  const compiled = await compileSubmission(request.code, request.language);
  if (!compiled.ok) return end({ status: "failed", failureCode: "syntax_error", message: compiled.message });

  request.onProgress?.({ type: "stage", stage: "training" });
  let folder: string | null = null;
  try {
    let failure: Failure | null;
    try {
      const training = await trainInSandbox({ ...request, spec }, backend, dataset, compiled, log);
      folder = training.folder;
      failure = training.failure;
    } catch (error) {
      return failed({
        kind: "platform",
        code: "job_setup_failed",
        message: `The practice run could not be set up: ${errorMessage(error)}`,
      });
    }
    if (failure) return failed(failure);

    request.onProgress?.({ type: "stage", stage: "scoring" });
    try {
      const scored = await scoreSavedModel({ folder: path.join(folder, "output"), spec, dataset });
      const shown = formatMetric(spec.metric.name, scored.value);
      return end({
        status: "completed",
        message: `It runs: ${spec.metric.name} on the ${dataset.heldOut.xs.shape[0]} validation examples is ${shown}.`,
        metricValue: scored.value,
        metrics: scored.metrics,
        outputShape: outputShapeOf(dataset),
        parameters: scored.parameters,
      });
    } catch (error) {
      if (error instanceof ScoringError) return failed({ kind: "learner", code: error.code, message: error.message });
      return failed({ kind: "platform", code: "scoring_failed", message: `Scoring failed: ${errorMessage(error)}` });
    }
  } finally {
    if (folder) removeJobFolder(folder);
  }
}
