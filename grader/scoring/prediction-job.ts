// Lays out the sandboxed prediction run (grader/harness/predict.mjs) in a job folder of its own: the
// learner's model files as the scorer read and checked them, the held-out INPUTS as one raw file,
// a config of plain settings, and an empty folder for the answer. The held-out labels have no
// place here: the caller hands over the inputs alone, and the labels stay in the scorer's memory.
import fs from "node:fs";
import path from "node:path";
import { graderConfig } from "@/grader/config";
import { bytesOf, type DenseArray } from "@/grader/datasets/types";
import { createJobFolder, removeJobFolder, SANDBOX_PATHS } from "@/grader/pipeline/job-folder";
import { packageBinds } from "@/grader/sandbox/node-modules";
import type { SandboxRequest } from "@/grader/sandbox/run-sandboxed";
import type { NativeEngineSetup } from "@/grader/pipeline/native-engine";

const PROJECT_DIR = path.resolve(import.meta.dirname, "../..");
const HARNESS_DIR = path.join(PROJECT_DIR, "grader/harness");
const SANDBOX_PACKAGES = ["@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm"];
/** node and TensorFlow.js start in about a second; the rest is the model's own prediction time. */
export const PREDICTION_WALL_SECONDS = 180;
const MAX_PROCESSES = 64;
const OUTPUT_LIMIT_BYTES = 64 * 2 ** 10;
export const MAX_REPORT_BYTES = 64 * 2 ** 10;
export const PREDICTIONS_FILE = "predictions.bin";
export const REPORT_FILE = "report.json";
const NATIVE_KERNELS_FILE = "native-kernels.mjs";
/** Rounding the two files up to whole pages, and a folder entry or two. */
const OUTPUT_SLACK_BYTES = 64 * 2 ** 10;
const OUTPUT_FOLDER_FILES = 16;

/** Rebuild the model from model.json, or replay its recorded forward pass (trace.json, trace.bin). */
export type PredictionMode = "rebuild" | "replay";

export interface ExpectedOutput {
  /** Values per row: one score per class, or one value for regression. */
  perRow: number;
  /** The output shapes past the batch axis the assignment accepts. */
  tails: number[][];
  /** How the learner is told what is expected, e.g. "[batch, 10] (one score per class)". */
  describe: string;
}

export interface PredictionJobOptions {
  mode: PredictionMode;
  /** The learner's files by name, as the scorer read and checked them; the run sees exactly these bytes. */
  modelFiles: ReadonlyMap<string, Uint8Array>;
  /** The held-out inputs only. */
  inputs: DenseArray;
  expected: ExpectedOutput;
  memoryMiB: number;
  /** The native engine to predict on, with its bundled kernel registration; wasm when absent. */
  nativeEngine?: { setup: NativeEngineSetup; kernelsSource: string };
}

export interface PredictionJob {
  /** The job folder; the caller removes it. */
  folder: string;
  /** Where the run writes PREDICTIONS_FILE and REPORT_FILE. */
  outputFolder: string;
  request: SandboxRequest;
  /** The exact size of a full answer: rows x values per row x 4. */
  predictionsBytes: number;
}

function writeReadOnly(file: string, contents: Uint8Array | string): void {
  fs.writeFileSync(file, contents, { mode: 0o644 });
}

export function createPredictionJob(options: PredictionJobOptions): PredictionJob {
  const folder = createJobFolder();
  try {
    const { inputs, nativeEngine: native } = options;
    for (const [name, bytes] of options.modelFiles) writeReadOnly(path.join(folder, "learner", name), bytes);
    writeReadOnly(path.join(folder, "data", "inputs.bin"), bytesOf(inputs));
    const config = {
      mode: options.mode,
      inputs: { shape: inputs.shape, dtype: inputs.dtype },
      outputTails: options.expected.tails,
      outputDescription: options.expected.describe,
      ...(native ? { nativeThreads: native.setup.threads } : {}),
    };
    writeReadOnly(path.join(folder, "control", "config.json"), JSON.stringify(config));
    if (native) writeReadOnly(path.join(folder, "control", NATIVE_KERNELS_FILE), native.kernelsSource);
    const predictionsBytes = (inputs.shape[0] ?? 0) * options.expected.perRow * 4;
    const request: SandboxRequest = {
      entry: `${SANDBOX_PATHS.harness}/predict.mjs`,
      args: [
        `${SANDBOX_PATHS.control}/config.json`,
        `${SANDBOX_PATHS.data}/inputs.bin`,
        SANDBOX_PATHS.learner,
        `${SANDBOX_PATHS.output}/${PREDICTIONS_FILE}`,
        `${SANDBOX_PATHS.output}/${REPORT_FILE}`,
        ...(native ? [`${SANDBOX_PATHS.control}/${NATIVE_KERNELS_FILE}`, native.setup.addon.path] : []),
      ],
      nativeAddons: native ? [native.setup.addon] : [],
      binds: [
        { source: HARNESS_DIR, target: SANDBOX_PATHS.harness },
        { source: path.join(folder, "control"), target: SANDBOX_PATHS.control },
        { source: path.join(folder, "data"), target: SANDBOX_PATHS.data },
        { source: path.join(folder, "learner"), target: SANDBOX_PATHS.learner },
        {
          source: path.join(folder, "output"),
          target: SANDBOX_PATHS.output,
          isWritable: true,
          // The answer and the report, each in whole pages; the run has nothing else to write.
          capacity: { bytes: predictionsBytes + MAX_REPORT_BYTES + OUTPUT_SLACK_BYTES, files: OUTPUT_FOLDER_FILES },
        },
        ...packageBinds(path.join(PROJECT_DIR, "node_modules"), SANDBOX_PACKAGES),
      ],
      // The lab's training budget: a model that trained within it predicts within it too.
      memoryBytes: options.memoryMiB * 2 ** 20,
      maxProcesses: MAX_PROCESSES,
      wallSeconds: PREDICTION_WALL_SECONDS,
      outputLimitBytes: OUTPUT_LIMIT_BYTES,
      // The answer is all the run writes, so a larger file is a run gone wrong.
      maxFileBytes: Math.max(predictionsBytes, MAX_REPORT_BYTES),
      allowWeak: graderConfig.isWeakSandboxAllowed,
    };
    return { folder, outputFolder: path.join(folder, "output"), request, predictionsBytes };
  } catch (error) {
    removeJobFolder(folder);
    throw error;
  }
}
