// The trusted scorer: loads a saved tfjs model without running any learner code, checks it against
// the assignment, predicts on the held-out split in batches and computes the metric. A model with
// layer classes the learner wrote is predicted from its recorded forward pass (traced-model.ts).
import { z } from "zod";
import type { AssignmentSpec } from "@/lib/assignments/spec-schema";
import { errorMessage } from "@/lib/errors";
import type { PreparedDataset } from "@/grader/datasets/types";
import { readSandboxFile, SandboxFileRefused } from "@/grader/sandbox/read-sandbox-file";
import { layerClassNames, unscorableLayerClasses } from "@/grader/harness/scorable-layers.mjs";
import { accuracy, argmaxRows, macroF1, meanSquaredError } from "./metrics";
import { scoringBackend } from "./scoring-backend";
import { predictFromTrace, readForwardTrace, TraceRejected } from "./traced-model";

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
const PREDICT_BATCH = 1024;

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

function describeShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? "batch" : String(d))).join(", ")}]`;
}

function checkShape(actual: readonly (number | null)[], expected: readonly number[]): boolean {
  return actual.length === expected.length && actual.every((d, i) => d === null || d === expected[i]);
}

interface SavedModel {
  modelTopology: Record<string, unknown>;
  weightSpecs: { name: string; shape: number[]; dtype: "float32" | "int32" }[];
  weightData: ArrayBuffer;
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
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return { modelTopology: parsed.modelTopology, weightSpecs, weightData, parameters };
}

interface Predictions {
  /** One score per class (or one value for regression) per held-out row. */
  values: Float32Array;
  backend: string;
  isDeterministic: boolean;
}

function expectedOutput(dataset: PreparedDataset): { classes: number; describe: string } {
  const classes = dataset.task === "classification" ? (dataset.classNames?.length ?? 0) : 1;
  return {
    classes,
    describe: dataset.task === "classification" ? `[batch, ${classes}] (one score per class)` : "[batch, 1]",
  };
}

function isRightOutputTail(tail: readonly (number | null)[], dataset: PreparedDataset): boolean {
  return checkShape(tail, [expectedOutput(dataset).classes]) || (dataset.task === "regression" && tail.length === 0);
}

/** Rebuilds the model from model.json with the scorer's own layer classes and predicts in batches. */
async function predictWithLayersModel(saved: SavedModel, dataset: PreparedDataset): Promise<Predictions> {
  const backend = await scoringBackend();
  const { tf } = backend;
  let model: Awaited<ReturnType<typeof tf.loadLayersModel>>;
  try {
    model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: saved.modelTopology,
        weightSpecs: saved.weightSpecs,
        weightData: saved.weightData,
      }),
    );
  } catch (error) {
    throw new ScoringError("corrupt_model", `The saved model could not be loaded: ${errorMessage(error)}`);
  }

  try {
    const expectedInput = dataset.heldOut.xs.shape.slice(1);
    const input = model.inputs[0];
    if (model.inputs.length !== 1 || !input || !checkShape(input.shape.slice(1), expectedInput)) {
      const got = model.inputs.map((i) => describeShape(i.shape)).join(", ");
      throw new ScoringError(
        "wrong_input_shape",
        `The model takes ${got} but the data is ${describeShape([null, ...expectedInput])}.`,
      );
    }
    const { classes, describe } = expectedOutput(dataset);
    const output = model.outputs[0];
    if (model.outputs.length !== 1 || !isRightOutputTail((output?.shape ?? []).slice(1), dataset)) {
      throw new ScoringError(
        "wrong_output_shape",
        `The model outputs ${model.outputs.map((o) => describeShape(o.shape)).join(", ")} ` +
          `but this assignment needs ${describe}.`,
      );
    }

    const { xs } = dataset.heldOut;
    const rows = xs.shape[0] ?? 0;
    const rowSize = expectedInput.reduce((a, b) => a * b, 1);
    const values = new Float32Array(rows * classes);
    for (let start = 0; start < rows; start += PREDICT_BATCH) {
      const count = Math.min(PREDICT_BATCH, rows - start);
      const batch = tf.tidy(() => {
        const inputs = tf.tensor(
          xs.data.subarray(start * rowSize, (start + count) * rowSize),
          [count, ...expectedInput],
          xs.dtype,
        );
        const out = model.predict(inputs);
        return (Array.isArray(out) ? out[0] : out)?.reshape([count * classes]).dataSync() ?? new Float32Array(0);
      });
      values.set(batch, start * classes);
    }
    return { values, backend: backend.name, isDeterministic: backend.isDeterministic };
  } finally {
    model.dispose();
  }
}

/** Predicts with the forward pass the harness recorded, for a model with the learner's own layer classes. */
async function predictWithRecording(
  folder: string,
  customClasses: string[],
  spec: ScoredSpec,
  dataset: PreparedDataset,
): Promise<Predictions> {
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
    const predicted = await predictFromTrace(recorded, dataset);
    if (!isRightOutputTail(predicted.outputTail, dataset)) {
      throw new ScoringError(
        "wrong_output_shape",
        `The model outputs ${describeShape([null, ...predicted.outputTail])} ` +
          `but this assignment needs ${expectedOutput(dataset).describe}.`,
      );
    }
    return { values: predicted.outputs, backend: `${predicted.backend}-replay`, isDeterministic: true };
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
  const predictions =
    customClasses.length > 0
      ? await predictWithRecording(options.folder, customClasses, spec, dataset)
      : await predictWithLayersModel(saved, dataset);
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
    const predicted = argmaxRows(predictions.values, expectedOutput(dataset).classes);
    metrics.accuracy = accuracy(predicted, ys.data);
    metrics["macro-f1"] = macroF1(predicted, ys.data, expectedOutput(dataset).classes);
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
    isDeterministic: predictions.isDeterministic,
  };
}
