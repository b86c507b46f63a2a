// One grading run: materialise the TRAIN split, compile the learner's code, train it in the
// sandbox, then score the saved model on the held-out split outside the sandbox. Every failure is
// classified as the learner's (they can fix it) or the platform's (they cannot, and it should not
// count against them), from what the grader observed itself (classify-run.ts).
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { AssignmentSpec, GradingReceipt } from "@/lib/assignments/spec-schema";
import { errorMessage } from "@/lib/errors";
import { installedNativeBackend, NATIVE_PACKAGES, type NativeBackend } from "@/grader/backends/select-backend";
import { graderConfig } from "@/grader/config";
import { materialiseTrainSplit } from "@/grader/datasets/materialise";
import { prepareDataset } from "@/grader/datasets/prepare";
import type { PreparedDataset } from "@/grader/datasets/types";
import { packageBinds } from "@/grader/sandbox/node-modules";
import { sandboxStateFolder } from "@/grader/sandbox/reachable-binds";
import { runSandboxed, type SandboxBind, type SandboxResult } from "@/grader/sandbox/run-sandboxed";
import { ScoringError, scoreSavedModel, type ScoreResult } from "@/grader/scoring/score-model";
import {
  classifyLaunchError,
  classifyRun,
  learnerFailure,
  MAX_LOG_LINE_CHARS,
  MAX_LOG_LINES,
  RunLog,
  type Failure,
} from "./classify-run";
import { compileSubmission, type SubmissionLanguage } from "./compile-submission";
import { GRADER_VERSION } from "./version";
import { formatMetric } from "@/lib/submissions/format";
import { decodeWeightsBundle } from "@/lib/submissions/weights-bundle";
import { wasmKernelBundle } from "./wasm-kernel-bundle";

export type FailureKind = "learner" | "platform";

export interface EpochPoint {
  epoch: number;
  loss: number | null;
  metric?: number;
  elapsedMs: number;
}

export interface LogLine {
  level: "info" | "warn" | "error";
  text: string;
}

export type GradeProgress =
  | { type: "stage"; stage: "preparing" | "compiling" | "training" | "scoring" }
  | ({ type: "epoch" } & EpochPoint)
  | ({ type: "log" } & LogLine);

export interface GradeResult {
  status: "passed" | "failed" | "error";
  failureKind?: FailureKind;
  failureCode?: string;
  /** What the learner reads: why it passed or failed, and what to do about a failure. */
  message: string;
  metrics: Record<string, number>;
  /** The assignment's metric on the held-out split, when scoring was reached. */
  score: number | null;
  threshold: number;
  /** The learner's console output (capped) and platform warnings, in order. */
  logs: LogLine[];
  /** Loss (and metric) per epoch as the training run reported them. */
  curves: EpochPoint[];
  /** Null only when the platform failed before the data were ready. */
  receipt: GradingReceipt | null;
}

export interface GradeRequest {
  spec: AssignmentSpec;
  code: string;
  /** Defaults to javascript; TypeScript has its types stripped before the sandbox sees it. */
  language?: SubmissionLanguage;
  /** Handed to the learner's train() and recorded in the receipt. */
  seed: number;
  onProgress?: (event: GradeProgress) => void;
}

const PROJECT_DIR = path.resolve(import.meta.dirname, "../..");
const HARNESS_DIR = path.join(PROJECT_DIR, "grader/harness");
const SANDBOX_PACKAGES = ["@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm"];

type TrainingBackend = AssignmentSpec["trainingBackend"] | NativeBackend;

/**
 * The engine a lab trains on: GRADER_BACKEND when an operator forces one, else a native
 * libtensorflow engine where one is installed, else the lab's own choice (wasm with Gradient's
 * training kernels unless the lab asks for the pure-JavaScript cpu backend).
 */
export function trainingBackendFor(spec: AssignmentSpec): TrainingBackend {
  return graderConfig.preferredBackend ?? installedNativeBackend() ?? spec.trainingBackend;
}

/**
 * Whether the same code, data and seed train the same weights on this engine (libtensorflow's threaded reductions do
 * not promise it).
 */
function isTrainingDeterministic(backend: TrainingBackend): boolean {
  return backend === "wasm" || backend === "cpu";
}
/** node, tfjs and reading the data take a few seconds before the training clock starts, and saving takes some after. */
const STARTUP_SECONDS = 15;
const OUTPUT_LIMIT_BYTES = 2 * 2 ** 20;
const MODEL_JSON_ALLOWANCE_BYTES = 16 * 2 ** 20;
const MAX_PROCESSES = 64;
const WASM_KERNELS_FILE = "wasm-training-kernels.mjs";

// Inside the sandbox everything lives at fixed paths; learner input never names a path.
const SANDBOX = {
  harness: "/platform/harness",
  control: "/job/control",
  data: "/job/data",
  learner: "/job/learner",
  output: "/job/output",
} as const;

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

interface TrainingOutcome {
  failure: Failure | null;
  trainingMs: number;
}

/**
 * Where a run's files go; world-readable because the sandbox user (nobody) must read the binds,
 * and so outside the data folder when nobody cannot enter it.
 */
function createJobFolder(): string {
  const root = path.join(sandboxStateFolder(), "jobs");
  fs.mkdirSync(root, { recursive: true, mode: 0o755 });
  const folder = path.join(root, `job-${Date.now()}-${randomBytes(6).toString("hex")}`);
  for (const sub of ["", "control", "data", "learner", "output"]) fs.mkdirSync(path.join(folder, sub), { mode: 0o755 });
  return folder;
}

/**
 * Lays uploaded files out as the sandbox harness saves a trained model (model.json naming one
 * weights.bin), so the same scorer reads both. Returns a failure when model.json is unusable.
 */
function writeUploadedModel(outputDir: string, bundle: { modelJson: string; weights: Buffer }): Failure | null {
  let model: { modelTopology?: unknown; weightsManifest?: Array<{ weights?: unknown }> };
  try {
    model = JSON.parse(bundle.modelJson) as typeof model;
  } catch {
    return learnerFailure("invalid_weights", "model.json is not valid JSON.");
  }
  const manifest = Array.isArray(model.weightsManifest) ? model.weightsManifest : [];
  if (typeof model.modelTopology !== "object" || model.modelTopology === null || manifest.length === 0) {
    return learnerFailure(
      "invalid_weights",
      "model.json must be a TensorFlow.js layers model as model.save() writes it, " +
        "with modelTopology and weightsManifest.",
    );
  }
  // model.save() may split weights into shards; the upload is their concatenation, in manifest order.
  const weights = manifest.flatMap((group) => (Array.isArray(group.weights) ? (group.weights as unknown[]) : []));
  fs.writeFileSync(
    path.join(outputDir, "model.json"),
    JSON.stringify({ modelTopology: model.modelTopology, weightsManifest: [{ paths: ["weights.bin"], weights }] }),
  );
  fs.writeFileSync(path.join(outputDir, "weights.bin"), bundle.weights);
  return null;
}

function isDiskFull(folder: string): boolean {
  const { bavail, bsize } = fs.statfsSync(folder);
  return bavail * bsize < 2 ** 20;
}

async function train(
  request: GradeRequest,
  backend: TrainingBackend,
  dataset: PreparedDataset,
  compiled: string,
  log: RunLog,
): Promise<TrainingOutcome & { folder: string }> {
  const { spec } = request;
  const folder = createJobFolder();
  let binds: SandboxBind[];
  try {
    materialiseTrainSplit(dataset, path.join(folder, "data"));
    fs.writeFileSync(path.join(folder, "learner", "submission.mjs"), compiled, { mode: 0o644 });
    const config = {
      backend,
      budget: {
        maxEpochs: spec.budget.maxEpochs,
        trainingSeconds: spec.budget.trainingSeconds,
        maxParameters: spec.budget.maxParameters,
      },
      allowCustomLoop: spec.allowCustomLoop,
      seed: request.seed,
      maxLogLines: MAX_LOG_LINES,
      maxLogLineChars: MAX_LOG_LINE_CHARS,
    };
    fs.writeFileSync(path.join(folder, "control", "config.json"), JSON.stringify(config), { mode: 0o644 });
    if (backend === "wasm") {
      fs.writeFileSync(path.join(folder, "control", WASM_KERNELS_FILE), await wasmKernelBundle(), { mode: 0o644 });
    }
    for (const file of fs.readdirSync(path.join(folder, "data"))) fs.chmodSync(path.join(folder, "data", file), 0o644);

    binds = [
      { source: HARNESS_DIR, target: SANDBOX.harness },
      { source: path.join(folder, "control"), target: SANDBOX.control },
      { source: path.join(folder, "data"), target: SANDBOX.data },
      { source: path.join(folder, "learner"), target: SANDBOX.learner },
      { source: path.join(folder, "output"), target: SANDBOX.output, isWritable: true },
      ...packageBinds(
        path.join(PROJECT_DIR, "node_modules"),
        backend === "wasm" || backend === "cpu" ? SANDBOX_PACKAGES : [...SANDBOX_PACKAGES, NATIVE_PACKAGES[backend]],
      ),
    ];
  } catch (error) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const wallSeconds = spec.budget.trainingSeconds + STARTUP_SECONDS;
  let run: SandboxResult;
  try {
    run = await runSandboxed(
      {
        entry: `${SANDBOX.harness}/harness.mjs`,
        args: [
          `${SANDBOX.control}/config.json`,
          SANDBOX.data,
          `${SANDBOX.learner}/submission.mjs`,
          SANDBOX.output,
          ...(backend === "wasm" ? [`${SANDBOX.control}/${WASM_KERNELS_FILE}`] : []),
        ],
        binds,
        memoryBytes: spec.budget.memoryMiB * 2 ** 20,
        maxProcesses: MAX_PROCESSES,
        wallSeconds,
        outputLimitBytes: OUTPUT_LIMIT_BYTES,
        // The saved weights (4 bytes a parameter) and model.json are all a run needs to write.
        maxFileBytes: spec.budget.maxParameters * 4 + MODEL_JSON_ALLOWANCE_BYTES,
        allowWeak: graderConfig.isWeakSandboxAllowed,
      },
      (stream, line) => log.line(stream, line),
    );
  } catch (error) {
    return { folder, trainingMs: 0, failure: classifyLaunchError(error, log) };
  }
  const failure = classifyRun(run, log, spec, wallSeconds);
  // A save that failed because the grader's own disk is full is the platform's fault, judged from
  // the worker's reading of free space, never from anything the learner's code printed.
  if (failure?.code === "save_failed" && isDiskFull(folder)) {
    return {
      folder,
      trainingMs: run.durationMs,
      failure: {
        kind: "platform",
        code: "disk_full",
        message:
          "The grader's disk is full. " +
          "This is a fault of the grading platform, not of your code, and does not count as an attempt.",
      },
    };
  }
  return { folder, trainingMs: run.durationMs, failure };
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

      onProgress?.({ type: "stage", stage: "training" });
      let training: Awaited<ReturnType<typeof train>>;
      try {
        training = await train(request, backend, dataset, compiled.code, log);
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
