// The trusted scorer. What needs no learner code happens here: reading the saved files safely,
// checking model.json, the parameter count, the required layers and the recorded forward pass, and
// computing the metric. Rebuilding the model from model.json, or replaying the recording of a model
// with the learner's own layer classes, happens in the sandbox (predict-in-sandbox.ts), which sees
// the held-out inputs but never the labels.
import { z } from "zod";
import type { AssignmentSpec } from "@/lib/assignments/spec-schema";
import type { PreparedDataset } from "@/grader/datasets/types";
import { readSandboxFile, SandboxFileRefused } from "@/grader/sandbox/read-sandbox-file";
import { layerClassNames, unscorableLayerClasses } from "@/grader/harness/scorable-layers.mjs";
import { accuracy, argmaxRows, macroF1, meanSquaredError } from "./metrics";
import { PredictionFailed, predictInSandbox, type SandboxPredictions } from "./predict-in-sandbox";
import type { ExpectedOutput, PredictionMode } from "./prediction-job";
import { checkTraceInput, readForwardTrace, TraceRejected } from "./read-forward-trace";

export type ScoringFailureCode =
  | "no_weights"
  | "missing_required_layer"
  | "model_too_large"
  | "too_many_parameters"
  | "corrupt_model"
  | "unsupported_layer"
  | "wrong_input_shape"
  | "wrong_output_shape"
  | "non_finite_predictions"
  | "trace_replay_failed"
  /** A link, FIFO, hard link or other file the scorer will not read in place of a saved model. */
  | "unsafe_output_file";

/** A problem with the submitted model, described so the learner can fix it. */
export class ScoringError extends Error {
  constructor(
    readonly code: ScoringFailureCode,
    message: string,
  ) {
    super(message);
    this.name = "ScoringError";
  }
}

export interface ScoreResult {
  metrics: Record<string, number>;
  /** The assignment's metric. */
  value: number;
  passed: boolean;
  parameters: number;
  scoringMs: number;
  backend: string;
  isDeterministic: boolean;
}

const MAX_MODEL_JSON_BYTES = 4 * 2 ** 20;

const ModelJsonSchema = z.object({
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z
    .array(
      z.object({
        paths: z.array(z.string()),
        weights: z.array(
          z.object({ name: z.string(), shape: z.array(z.number().int().min(0)), dtype: z.enum(["float32", "int32"]) }),
        ),
      }),
    )
    .length(1),
});

interface SavedModel {
  modelTopology: Record<string, unknown>;
  /** model.json and weights.bin exactly as read and checked, for the prediction run. */
  files: Map<string, Uint8Array>;
  parameters: number;
}

/** The learner's failure for a file the scorer will not read; `tooLarge` keeps each file's own code for its size. */
function refusedFile(error: unknown, tooLarge: ScoringFailureCode): never {
  if (error instanceof SandboxFileRefused) {
    throw new ScoringError(error.reason === "too_large" ? tooLarge : "unsafe_output_file", error.message);
  }
  throw error;
}

/** Reads model.json and weights.bin from `folder`, checking sizes before reading anything big. */
function readSavedModel(folder: string, maxParameters: number): SavedModel {
  const noWeights = new ScoringError(
    "no_weights",
    "No trained model was saved. Make sure train() returns your model after training it.",
  );
  let jsonBytes: Buffer<ArrayBuffer> | null;
  try {
    jsonBytes = readSandboxFile(folder, "model.json", { maxBytes: MAX_MODEL_JSON_BYTES });
  } catch (error) {
    refusedFile(error, "model_too_large");
  }
  if (!jsonBytes) throw noWeights;
  let parsed: z.infer<typeof ModelJsonSchema>;
  try {
    parsed = ModelJsonSchema.parse(JSON.parse(jsonBytes.toString("utf8")));
  } catch {
    throw new ScoringError("corrupt_model", "The saved model.json is not a TensorFlow.js layers model.");
  }
  const weightSpecs = parsed.weightsManifest[0]?.weights ?? [];
  const parameters = weightSpecs.reduce((sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1), 0);
  if (parameters > maxParameters) {
    throw new ScoringError(
      "too_many_parameters",
      `Your model has ${parameters} parameters; this assignment allows at most ${maxParameters}.`,
    );
  }
  let bytes: Buffer<ArrayBuffer> | null;
  try {
    bytes = readSandboxFile(folder, "weights.bin", {
      maxBytes: parameters * 4,
      allowedBy: `the model's ${parameters} parameters allow`,
    });
  } catch (error) {
    refusedFile(error, "corrupt_model");
  }
  if (!bytes) throw noWeights;
  if (bytes.byteLength !== parameters * 4) {
    throw new ScoringError(
      "corrupt_model",
      `weights.bin holds ${bytes.byteLength} bytes but the model lists ${parameters} weights (${parameters * 4} bytes).`,
    );
  }
  return {
    modelTopology: parsed.modelTopology,
    files: new Map([
      ["model.json", jsonBytes],
      ["weights.bin", bytes],
    ]),
    parameters,
  };
}

function expectedOutput(dataset: PreparedDataset): ExpectedOutput {
  if (dataset.task === "regression") return { perRow: 1, tails: [[1], []], describe: "[batch, 1]" };
  const classes = dataset.classNames?.length ?? 0;
  return { perRow: classes, tails: [[classes]], describe: `[batch, ${classes}] (one score per class)` };
}

/** The files of a model with the learner's own layer classes: the model's and its checked recording. */
function recordedModelFiles(
  saved: SavedModel,
  folder: string,
  customClasses: string[],
  spec: ScoredSpec,
  dataset: PreparedDataset,
): Map<string, Uint8Array> {
  const classes = customClasses.join(", ");
  const required = spec.requiredLayers ?? [];
  if (required.length > 0) {
    // Class names in model.json are the learner's to choose; only a model the scorer rebuilds itself proves it holds
    // the layer.
    throw new ScoringError(
      "unsupported_layer",
      `This assignment checks that your model contains ${required.join(", ")}, ` +
        `which the grader can confirm only in a model built from TensorFlow.js's and the platform's layers; ` +
        `yours also uses your own class(es) ${classes}.`,
    );
  }
  try {
    const recorded = readForwardTrace(folder, spec.budget.maxParameters);
    if (!recorded) {
      throw new ScoringError(
        "unsupported_layer",
        `The model uses layer class(es) ${classes} that the scorer cannot rebuild, ` +
          `and no recorded forward pass came with it. ` +
          `Models trained by the grader are recorded automatically; ` +
          `uploaded models must use TensorFlow.js's built-in layers and the platform layers ` +
          `(platformLayers.MultiHeadSelfAttention, platformLayers.PositionEmbedding).`,
      );
    }
    checkTraceInput(recorded.trace, dataset.heldOut.xs);
    return new Map([...saved.files, ["trace.json", recorded.jsonBytes], ["trace.bin", recorded.constantBytes]]);
  } catch (error) {
    if (error instanceof TraceRejected) throw new ScoringError(error.code, error.message);
    throw error;
  }
}

type ScoredSpec = Pick<AssignmentSpec, "metric" | "budget"> & Partial<Pick<AssignmentSpec, "requiredLayers">>;

export async function scoreSavedModel(options: {
  folder: string;
  spec: ScoredSpec;
  dataset: PreparedDataset;
}): Promise<ScoreResult> {
  const startedAt = performance.now();
  const { spec, dataset } = options;
  const saved = readSavedModel(options.folder, spec.budget.maxParameters);

  const classNames = layerClassNames({ ...saved.modelTopology, isLayer: true });
  const absent = (spec.requiredLayers ?? []).filter((name) => !classNames.has(name));
  if (absent.length > 0) {
    throw new ScoringError(
      "missing_required_layer",
      `This assignment asks for a model that uses ${absent.join(", ")}; yours does not contain it.`,
    );
  }
  const customClasses = unscorableLayerClasses(saved.modelTopology);
  const mode: PredictionMode = customClasses.length > 0 ? "replay" : "rebuild";
  const modelFiles =
    mode === "replay" ? recordedModelFiles(saved, options.folder, customClasses, spec, dataset) : saved.files;
  const expected = expectedOutput(dataset);
  let predictions: SandboxPredictions;
  try {
    predictions = await predictInSandbox({
      mode,
      modelFiles,
      inputs: dataset.heldOut.xs,
      expected,
      memoryMiB: spec.budget.memoryMiB,
    });
  } catch (error) {
    if (error instanceof PredictionFailed) throw new ScoringError(error.code, error.message);
    throw error;
  }
  if (!predictions.values.every(Number.isFinite)) {
    throw new ScoringError(
      "non_finite_predictions",
      "The model predicted NaN or infinity on some held-out examples; " +
        "training probably diverged (try a smaller learning rate).",
    );
  }

  const { ys } = dataset.heldOut;
  const metrics: Record<string, number> = {};
  if (dataset.task === "classification") {
    const predicted = argmaxRows(predictions.values, expected.perRow);
    metrics.accuracy = accuracy(predicted, ys.data);
    metrics["macro-f1"] = macroF1(predicted, ys.data, expected.perRow);
  } else {
    metrics.mse = meanSquaredError(predictions.values, ys.data);
  }
  const value = metrics[spec.metric.name];
  if (value === undefined) throw new Error(`metric ${spec.metric.name} does not apply to a ${dataset.task} task`);
  const passed = spec.metric.direction === "higher" ? value >= spec.metric.threshold : value <= spec.metric.threshold;
  return {
    metrics,
    value,
    passed,
    parameters: saved.parameters,
    scoringMs: Math.round(performance.now() - startedAt),
    backend: predictions.backend,
    // Single-threaded wasm, or the pure-JavaScript engine, give the same bits on every run.
    isDeterministic: true,
  };
}
