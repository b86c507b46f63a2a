// One grading run: materialise the TRAIN split, compile the learner's code, train it in the
// sandbox, then score the saved model on the held-out split outside the sandbox. Every failure is
// classified as the learner's (they can fix it) or the platform's (they cannot, and it should not
// count against them).
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
const MAX_LOG_LINES = 200;
const MAX_LOG_LINE_CHARS = 500;
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

interface Failure {
  kind: FailureKind;
  code: string;
  message: string;
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

function learnerFailure(code: string, message: string): Failure {
  return { kind: "learner", code, message };
}

function tail(lines: LogLine[], count: number): string {
  const last = lines.slice(-count).map((line) => `  ${line.text}`);
  return last.length > 0 ? `\nLast lines your code printed:\n${last.join("\n")}` : "";
}

interface HarnessError {
  kind: FailureKind;
  code: string;
  message: string;
  stack?: string;
}

/** Reads the harness's JSON lines; anything else on stdout is the learner writing to it directly. */
class RunLog {
  readonly logs: LogLine[] = [];
  readonly curves: EpochPoint[] = [];
  error: HarnessError | null = null;
  hasLearnerStarted = false;
  isDone = false;

  constructor(private readonly onProgress?: (event: GradeProgress) => void) {}

  line(stream: "stdout" | "stderr", text: string): void {
    if (stream === "stderr") return;
    let message: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object") message = parsed as Record<string, unknown>;
    } catch {
      message = null;
    }
    switch (message?.type) {
      case "epoch": {
        const point: EpochPoint = {
          epoch: Number(message.epoch),
          loss: typeof message.loss === "number" ? message.loss : null,
          ...(typeof message.metric === "number" ? { metric: message.metric } : {}),
          elapsedMs: Number(message.elapsedMs),
        };
        this.curves.push(point);
        this.onProgress?.({ type: "epoch", ...point });
        return;
      }
      case "log": {
        const level = message.level === "warn" || message.level === "error" ? message.level : "info";
        this.addLog({ level, text: String(message.text).slice(0, MAX_LOG_LINE_CHARS) });
        return;
      }
      case "learner_start":
        this.hasLearnerStarted = true;
        return;
      case "error":
        // After learner_start the learner's code shares the process and could print anything, so
        // from then on a "platform" error line is believed only for a backend crash: forging one
        // gains nothing (no score, and the worker's retries are capped), while disbelieving a real
        // one would charge the learner an attempt for the platform's bug.
        this.error = {
          kind:
            message.kind === "platform" && (!this.hasLearnerStarted || message.code === "backend_crash")
              ? "platform"
              : "learner",
          code: typeof message.code === "string" ? message.code : "exception",
          message: typeof message.message === "string" ? message.message : "unknown error",
          ...(typeof message.stack === "string" ? { stack: message.stack } : {}),
        };
        return;
      case "done":
        this.isDone = true;
        return;
      default:
        if (this.logs.length < MAX_LOG_LINES) this.addLog({ level: "info", text: text.slice(0, MAX_LOG_LINE_CHARS) });
    }
  }

  private addLog(line: LogLine): void {
    this.logs.push(line);
    this.onProgress?.({ type: "log", ...line });
  }
}

function classifyRun(run: SandboxResult, log: RunLog, spec: AssignmentSpec, wallSeconds: number): Failure | null {
  switch (run.outcome) {
    case "timeout":
      return learnerFailure(
        "timeout",
        `Training did not finish within the time limit ` +
          `(${spec.budget.trainingSeconds} s of training, ${wallSeconds} s in all) and was stopped. ` +
          `model.fit stops by itself at the deadline; ` +
          `a custom training loop must check shouldStop() or timeLeftMs().${tail(log.logs, 5)}`,
      );
    case "out_of_memory":
      return learnerFailure(
        "out_of_memory",
        `Your code ran out of memory (the limit is ${spec.budget.memoryMiB} MiB). ` +
          `Use a smaller batch size or model, and dispose tensors you create in loops (tf.tidy).${tail(log.logs, 5)}`,
      );
    case "output_limit":
      return learnerFailure(
        "output_limit",
        "Your code printed too much output and was stopped. Log a line per epoch, not per batch.",
      );
    case "killed":
      return learnerFailure(
        "crashed",
        `Your code was killed by signal ${run.signal ?? "unknown"}.${tail(log.logs, 5)}`,
      );
    case "exited":
      break;
  }
  if (log.error) {
    const stack = log.error.stack ? `\n${log.error.stack}` : "";
    return { kind: log.error.kind, code: log.error.code, message: `${log.error.message}${stack}${tail(log.logs, 5)}` };
  }
  if (run.exitCode === 0 && !log.isDone) {
    return learnerFailure(
      "no_weights",
      "Your code ended the training process before the model was saved (did it call process.exit?). " +
        "Return the model from train() instead.",
    );
  }
  if (run.exitCode !== 0 || !log.isDone) {
    // Node reports a crash before the harness could (a learner's process.exit, an abort) on stderr.
    const stderr = run.stderr.trim().split("\n").slice(-5).join("\n");
    return learnerFailure(
      "crashed",
      `Your code stopped the training process early (exit code ${run.exitCode ?? "none"}).` +
        `${stderr ? `\n${stderr}` : ""}${tail(log.logs, 5)}`,
    );
  }
  return null;
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
    return {
      folder,
      trainingMs: 0,
      failure: {
        kind: "platform",
        code: "sandbox_unavailable",
        message: `The grading sandbox could not start: ${errorMessage(error)}`,
      },
    };
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
          "Your submission will be graded again automatically; this does not count as an attempt.",
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
