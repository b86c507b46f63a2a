// The training step of a grading run: lays out the job folder (TRAIN split, compiled code, config),
// runs the harness in the sandbox and classifies how the run ended (classify-run.ts).
import fs from "node:fs";
import path from "node:path";
import type { AssignmentSpec } from "@/lib/assignments/spec-schema";
import { installedNativeBackend, NATIVE_PACKAGES, type NativeBackend } from "@/grader/backends/select-backend";
import { graderConfig } from "@/grader/config";
import { materialiseTrainSplit } from "@/grader/datasets/materialise";
import type { PreparedDataset } from "@/grader/datasets/types";
import { TRACE_CONSTANT_MARGIN } from "@/grader/harness/forward-trace.mjs";
import { HarnessConfigSchema, harnessArgumentList } from "@/grader/harness/train/harness-config";
import { reviewedNativeAddons } from "@/grader/sandbox/native-addons";
import { packageBinds } from "@/grader/sandbox/node-modules";
import { runSandboxed, type SandboxBind, type SandboxResult } from "@/grader/sandbox/run-sandboxed";
import { MAX_TRACE_JSON_BYTES } from "@/grader/scoring/read-forward-trace";
import {
  classifyLaunchError,
  classifyRun,
  MAX_LOG_LINE_CHARS,
  MAX_LOG_LINES,
  RunLog,
  type Failure,
} from "./classify-run";
import type { CompiledModule } from "./compile-submission";
import type { GradeRequest } from "./grade-types";
import { harnessBundle } from "./harness-bundle";
import { createJobFolder, removeJobFolder, SANDBOX_PATHS } from "./job-folder";
import { nativeKernelBundle } from "./native-kernel-bundle";
import { nativeEngineSetup } from "./native-engine";
import { wasmKernelBundle } from "./wasm-kernel-bundle";

const PROJECT_DIR = path.resolve(import.meta.dirname, "../..");
// The plain-JavaScript modules the platform shares between the sandbox and the host (the recording
// of a forward pass, the platform's layers); bound so code in the sandbox can run them by path.
const HARNESS_DIR = path.join(PROJECT_DIR, "grader/harness");
const SANDBOX_PACKAGES = ["@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm"];

/** A lab's own engine, Gradient's native engine (wasm with the oneDNN kernels), or libtensorflow. */
export type TrainingBackend = AssignmentSpec["trainingBackend"] | "native" | NativeBackend;

const isLibtensorflow = (backend: TrainingBackend): backend is NativeBackend =>
  backend === "tensorflow" || backend === "tensorflow-gpu";

function sandboxPackageBinds(backend: TrainingBackend): SandboxBind[] {
  return packageBinds(
    path.join(PROJECT_DIR, "node_modules"),
    isLibtensorflow(backend) ? [...SANDBOX_PACKAGES, NATIVE_PACKAGES[backend]] : SANDBOX_PACKAGES,
  );
}

/** The packages a learner's module can import in the sandbox on `backend`, by name. */
export function sandboxPackageNames(backend: TrainingBackend): Set<string> {
  return new Set(sandboxPackageBinds(backend).map((bind) => bind.target.replace(/^\/node_modules\//, "")));
}

/**
 * The engine a lab trains on: GRADER_BACKEND when an operator forces one (native only where it was
 * built), else a native libtensorflow engine where one is installed, else the lab's own choice,
 * with Gradient's native engine standing in for wasm where npm install built it. A lab that asks
 * for the pure-JavaScript cpu backend keeps it.
 */
export function trainingBackendFor(spec: AssignmentSpec): TrainingBackend {
  const preferred = graderConfig.preferredBackend;
  if (preferred === "native") return nativeEngineSetup() ? "native" : spec.trainingBackend;
  if (preferred) return preferred;
  const libtensorflow = installedNativeBackend();
  if (libtensorflow) return libtensorflow;
  return spec.trainingBackend === "wasm" && nativeEngineSetup() ? "native" : spec.trainingBackend;
}

/**
 * Whether the same code, data and seed train the same weights on this engine: libtensorflow's
 * threaded reductions do not promise it; the native engine does for one thread count
 * (grader/backends/native/native-kernels.test.ts).
 */
export function isTrainingDeterministic(backend: TrainingBackend): boolean {
  return !isLibtensorflow(backend);
}

/** node, tfjs and reading the data take a few seconds before the training clock starts, and saving takes some after. */
const STARTUP_SECONDS = 15;
const OUTPUT_LIMIT_BYTES = 2 * 2 ** 20;
const MODEL_JSON_ALLOWANCE_BYTES = 16 * 2 ** 20;
/** The harness writes four files at most; the rest is slack for tfjs's own temporary names. */
const OUTPUT_FOLDER_FILES = 64;
const MAX_PROCESSES = 64;
const WASM_KERNELS_FILE = "wasm-training-kernels.mjs";
const NATIVE_KERNELS_FILE = "native-kernels.mjs";
const HARNESS_FILE = "harness.mjs";

export interface TrainingOutcome {
  failure: Failure | null;
  trainingMs: number;
  /** The job folder; the caller removes it after scoring what the run saved in its output. */
  folder: string;
}

/** The saved weights (4 bytes a parameter) and model.json are all a run needs to write in one file. */
function maxFileBytes(maxParameters: number): number {
  return maxParameters * 4 + MODEL_JSON_ALLOWANCE_BYTES;
}

/** All a run saves: the weights and model.json, and a recorded forward pass (trace.json, trace.bin). */
function outputFolderBytes(maxParameters: number): number {
  const traceBinBytes = (maxParameters + TRACE_CONSTANT_MARGIN) * 4;
  return maxFileBytes(maxParameters) + MAX_TRACE_JSON_BYTES + traceBinBytes;
}

/**
 * Judged on the job folder's own filesystem, the host's disk: the output folder inside it may be
 * a tmpfs the learner's code filled, which is its own failure, never the platform's.
 */
function isDiskFull(folder: string): boolean {
  const { bavail, bsize } = fs.statfsSync(folder);
  return bavail * bsize < 2 ** 20;
}

export async function trainInSandbox(
  request: GradeRequest,
  backend: TrainingBackend,
  dataset: PreparedDataset,
  compiled: CompiledModule,
  log: RunLog,
): Promise<TrainingOutcome> {
  const { spec } = request;
  const native = backend === "native" ? nativeEngineSetup() : null;
  if (backend === "native" && !native) throw new Error("the native engine was chosen but is not built");
  const folder = createJobFolder();
  let binds: SandboxBind[];
  try {
    materialiseTrainSplit(dataset, path.join(folder, "data"));
    fs.writeFileSync(path.join(folder, "learner", "submission.mjs"), compiled.code, { mode: 0o644 });
    const config = HarnessConfigSchema.parse({
      backend,
      budget: {
        maxEpochs: spec.budget.maxEpochs,
        trainingSeconds: spec.budget.trainingSeconds,
        maxParameters: spec.budget.maxParameters,
      },
      allowCustomLoop: spec.allowCustomLoop,
      ...(native ? { nativeThreads: native.threads } : {}),
      seed: request.seed,
      maxLogLines: MAX_LOG_LINES,
      maxLogLineChars: MAX_LOG_LINE_CHARS,
      moduleFormat: compiled.format,
    });
    fs.writeFileSync(path.join(folder, "control", "config.json"), JSON.stringify(config), { mode: 0o644 });
    fs.writeFileSync(path.join(folder, "control", HARNESS_FILE), await harnessBundle(), { mode: 0o644 });
    if (backend === "wasm" || native) {
      fs.writeFileSync(path.join(folder, "control", WASM_KERNELS_FILE), await wasmKernelBundle(), { mode: 0o644 });
    }
    if (native) {
      fs.writeFileSync(path.join(folder, "control", NATIVE_KERNELS_FILE), await nativeKernelBundle(), { mode: 0o644 });
    }
    for (const file of fs.readdirSync(path.join(folder, "data"))) fs.chmodSync(path.join(folder, "data", file), 0o644);

    binds = [
      { source: HARNESS_DIR, target: SANDBOX_PATHS.harness },
      { source: path.join(folder, "control"), target: SANDBOX_PATHS.control },
      { source: path.join(folder, "data"), target: SANDBOX_PATHS.data },
      { source: path.join(folder, "learner"), target: SANDBOX_PATHS.learner },
      {
        source: path.join(folder, "output"),
        target: SANDBOX_PATHS.output,
        isWritable: true,
        capacity: { bytes: outputFolderBytes(spec.budget.maxParameters), files: OUTPUT_FOLDER_FILES },
      },
      ...sandboxPackageBinds(backend),
    ];
  } catch (error) {
    removeJobFolder(folder);
    throw error;
  }
  const wallSeconds = spec.budget.trainingSeconds + STARTUP_SECONDS;
  let run: SandboxResult;
  try {
    run = await runSandboxed(
      {
        entry: `${SANDBOX_PATHS.control}/${HARNESS_FILE}`,
        args: harnessArgumentList({
          configFile: `${SANDBOX_PATHS.control}/config.json`,
          dataDir: SANDBOX_PATHS.data,
          learnerModulePath: `${SANDBOX_PATHS.learner}/submission.mjs`,
          outputDir: SANDBOX_PATHS.output,
          ...(backend === "wasm" || native
            ? { wasmTrainingKernels: `${SANDBOX_PATHS.control}/${WASM_KERNELS_FILE}` }
            : {}),
          ...(native
            ? { nativeEngine: { kernels: `${SANDBOX_PATHS.control}/${NATIVE_KERNELS_FILE}`, addon: native.addon.path } }
            : {}),
        }),
        binds,
        // The native engine's own addon, or libtensorflow's as the operator reviewed them.
        nativeAddons: native ? [native.addon] : isLibtensorflow(backend) ? reviewedNativeAddons() : [],
        memoryBytes: spec.budget.memoryMiB * 2 ** 20,
        maxProcesses: MAX_PROCESSES,
        wallSeconds,
        outputLimitBytes: OUTPUT_LIMIT_BYTES,
        maxFileBytes: maxFileBytes(spec.budget.maxParameters),
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
