// Runs the prediction step (grader/harness/predict.mjs) in the sandbox and reads back only what the
// scorer can check: predictions of an exact size and a short report. Whose fault a failure is comes
// from what the grader observed, as for training (grader/pipeline/classify-run.ts): a run that ends
// before its artefact_start line, or a sandbox that does not launch, is the platform's (thrown as a
// plain Error); from that line on the run handles the learner's files, and any ending is theirs.
import { z } from "zod";
import { errorMessage } from "@/lib/errors";
import { removeJobFolder } from "@/grader/pipeline/job-folder";
import { nativeEngineSetup } from "@/grader/pipeline/native-engine";
import { nativeKernelBundle } from "@/grader/pipeline/native-kernel-bundle";
import { readSandboxFile, SandboxFileRefused } from "@/grader/sandbox/read-sandbox-file";
import { runSandboxed, type SandboxResult } from "@/grader/sandbox/run-sandboxed";
import {
  createPredictionJob,
  MAX_REPORT_BYTES,
  PREDICTION_WALL_SECONDS,
  PREDICTIONS_FILE,
  REPORT_FILE,
  type PredictionJobOptions,
  type PredictionMode,
} from "./prediction-job";

export type PredictionFailureCode =
  "corrupt_model" | "wrong_input_shape" | "wrong_output_shape" | "trace_replay_failed" | "unsafe_output_file";

/** The learner's failure while their model was rebuilt or replayed. */
export class PredictionFailed extends Error {
  constructor(
    readonly code: PredictionFailureCode,
    message: string,
  ) {
    super(message);
    this.name = "PredictionFailed";
  }
}

export interface SandboxPredictions {
  /** rows x values per row, row after row. */
  values: Float32Array;
  /** The engine the run predicted on, "-replay" added for a recording. */
  backend: string;
}

const MAX_MESSAGE_CHARS = 2_000;

/** The codes a run may give each kind of failure; any other is read as the mode's own. */
const REPORTED_CODES: Record<PredictionMode, readonly PredictionFailureCode[]> = {
  rebuild: ["corrupt_model", "wrong_input_shape", "wrong_output_shape"],
  replay: ["trace_replay_failed", "wrong_output_shape"],
};
const MODE_CODE: Record<PredictionMode, PredictionFailureCode> = {
  rebuild: "corrupt_model",
  replay: "trace_replay_failed",
};
const MODE_ACTION: Record<PredictionMode, string> = {
  rebuild: "Rebuilding your model from model.json and predicting the held-out data",
  replay: "Replaying your model's recorded forward pass on the held-out data",
};

const ReportSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    backend: z.enum(["wasm", "cpu"]),
    outputTail: z.array(z.number().int().min(0)).max(8),
  }),
  z.object({ ok: z.literal(false), code: z.string().max(64), message: z.string() }),
]);

function isArtefactStart(line: string): boolean {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === "object" && parsed !== null && "type" in parsed && parsed.type === "artefact_start";
  } catch {
    return false;
  }
}

function isOneOf(shape: readonly number[], shapes: readonly (readonly number[])[]): boolean {
  return shapes.some((known) => known.length === shape.length && known.every((size, i) => size === shape[i]));
}

function describeShape(tail: readonly number[]): string {
  return `[${["batch", ...tail].join(", ")}]`;
}

/** How a run that handled the learner's files ended, when it did not end by writing its report. */
function endingFailure(run: SandboxResult, mode: PredictionMode, memoryMiB: number): PredictionFailed | null {
  const action = MODE_ACTION[mode];
  const fail = (how: string) => new PredictionFailed(MODE_CODE[mode], `${action} ${how}.`);
  switch (run.outcome) {
    case "timeout":
      return fail(`took longer than ${PREDICTION_WALL_SECONDS} s`);
    case "out_of_memory":
      return fail(`ran out of memory (the limit is ${memoryMiB} MiB)`);
    case "output_limit":
      return fail("printed too much output");
    case "killed":
      return fail(`was stopped by signal ${run.signal ?? "unknown"}`);
    case "exited":
      return run.exitCode === 0 ? null : fail(`stopped (exit code ${run.exitCode ?? "none"})`);
  }
}

/** One of the run's files through the safe reader; anything refused or missing is the learner's. */
function readAnswerFile(folder: string, name: string, maxBytes: number, mode: PredictionMode): Buffer {
  let bytes: Buffer | null;
  try {
    bytes = readSandboxFile(folder, name, { maxBytes });
  } catch (error) {
    if (error instanceof SandboxFileRefused) {
      throw new PredictionFailed(
        error.reason === "too_large" ? MODE_CODE[mode] : "unsafe_output_file",
        `${MODE_ACTION[mode]} failed: ${error.message}`,
      );
    }
    throw error;
  }
  if (!bytes) throw new PredictionFailed(MODE_CODE[mode], `${MODE_ACTION[mode]} ended without writing ${name}.`);
  return bytes;
}

/** Rebuilds or replays the learner's model in the sandbox and returns its predictions on the held-out inputs. */
export async function predictInSandbox(options: PredictionJobOptions): Promise<SandboxPredictions> {
  const { mode, expected } = options;
  // The scorer predicts on the engine training used, so scoring gets the native engine's speed too.
  const setup = nativeEngineSetup();
  const job = createPredictionJob(
    setup ? { ...options, nativeEngine: { setup, kernelsSource: await nativeKernelBundle() } } : options,
  );
  try {
    let hasArtefactStarted = false;
    let run: SandboxResult;
    try {
      run = await runSandboxed(job.request, (stream, line) => {
        if (stream === "stdout" && isArtefactStart(line)) hasArtefactStarted = true;
      });
    } catch (error) {
      if (!hasArtefactStarted) throw new Error(`The scoring sandbox could not start: ${errorMessage(error)}`);
      // As for training: after the learner's files were in play, a tear-down that failed is charged.
      throw new PredictionFailed(
        MODE_CODE[mode],
        `${MODE_ACTION[mode]} could not be stopped cleanly: ${errorMessage(error)}`,
      );
    }
    if (!hasArtefactStarted) {
      const stderr = run.stderr.trim().split("\n").slice(-5).join("\n");
      throw new Error(
        `The scoring sandbox stopped before it read the model (${run.outcome}, exit code ${run.exitCode ?? "none"})` +
          (stderr ? `:\n${stderr}` : "."),
      );
    }
    const ending = endingFailure(run, mode, options.memoryMiB);
    if (ending) throw ending;

    const reportBytes = readAnswerFile(job.outputFolder, REPORT_FILE, MAX_REPORT_BYTES, mode);
    let report: z.infer<typeof ReportSchema>;
    try {
      report = ReportSchema.parse(JSON.parse(reportBytes.toString("utf8")));
    } catch {
      throw new PredictionFailed(MODE_CODE[mode], `${MODE_ACTION[mode]} ended with a report the grader cannot read.`);
    }
    if (!report.ok) {
      const code = REPORTED_CODES[mode].find((known) => known === report.code) ?? MODE_CODE[mode];
      throw new PredictionFailed(code, report.message.slice(0, MAX_MESSAGE_CHARS));
    }
    if (!isOneOf(report.outputTail, expected.tails)) {
      throw new PredictionFailed(
        "wrong_output_shape",
        `The model outputs ${describeShape(report.outputTail)} but this assignment needs ${expected.describe}.`,
      );
    }
    const bytes = readAnswerFile(job.outputFolder, PREDICTIONS_FILE, job.predictionsBytes, mode);
    if (bytes.byteLength !== job.predictionsBytes) {
      throw new PredictionFailed(
        "wrong_output_shape",
        `${MODE_ACTION[mode]} gave ${bytes.byteLength / 4} values; ` +
          `${expected.perRow} for each of the ${options.inputs.shape[0] ?? 0} rows were expected.`,
      );
    }
    // A fresh, aligned copy: the read buffer's offset need not be a multiple of 4.
    const values = new Float32Array(bytes.byteLength / 4);
    new Uint8Array(values.buffer).set(bytes);
    // The run reports the tfjs backend it ran ("wasm"); the native kernels are the grader's doing.
    const engine = setup && report.backend === "wasm" ? "native" : report.backend;
    return { values, backend: mode === "replay" ? `${engine}-replay` : engine };
  } finally {
    removeJobFolder(job.folder);
  }
}
