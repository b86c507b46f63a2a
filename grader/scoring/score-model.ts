// The trusted scorer: loads a saved tfjs model without running any learner code, checks it against
// the assignment, predicts on the held-out split in batches and computes the metric.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { AssignmentSpec } from "@/lib/assignments/spec-schema";
import type { PreparedDataset } from "@/grader/datasets/types";
import { PLATFORM_LAYER_CLASS_NAMES } from "@/grader/harness/platform-layers.mjs";
import { accuracy, argmaxRows, macroF1, meanSquaredError } from "./metrics";
import { scoringBackend } from "./scoring-backend";

export type ScoringFailureCode =
  | "no_weights"
  | "missing_required_layer"
  | "model_too_large"
  | "too_many_parameters"
  | "corrupt_model"
  | "unsupported_layer"
  | "wrong_input_shape"
  | "wrong_output_shape"
  | "non_finite_predictions";

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

/** Layer classes of tfjs-layers a graded model may contain; anything else is rejected by name. */
const BUILT_IN_LAYERS = [
  "InputLayer", "Dense", "Dropout", "SpatialDropout1D", "Flatten", "Reshape", "Permute", "RepeatVector", "Activation",
  "Embedding", "Masking", "Conv1D", "Conv2D", "Conv2DTranspose", "SeparableConv2D", "DepthwiseConv2D", "Cropping2D",
  "UpSampling2D", "ZeroPadding2D", "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D",
  "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
  "BatchNormalization", "LayerNormalization", "LSTM", "GRU", "SimpleRNN", "Bidirectional", "TimeDistributed",
  "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot", "ReLU", "LeakyReLU", "PReLU",
  "ELU", "ThresholdedReLU", "Softmax", "GaussianNoise", "GaussianDropout", "AlphaDropout", "Sequential", "Model", "Functional",
];
const ALLOWED_LAYERS = new Set([...BUILT_IN_LAYERS, ...PLATFORM_LAYER_CLASS_NAMES]);

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

/** Every layer class a topology names, including layers nested in wrappers and sub-models. */
export function layerClassNames(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) layerClassNames(item, found);
    return found;
  }
  if (node === null || typeof node !== "object") return found;
  const record = node as Record<string, unknown>;
  const config = record.config;
  if (typeof record.class_name === "string" && config && typeof config === "object") {
    const layerConfig = config as Record<string, unknown>;
    // Layers are the class_name entries inside `layers` lists and wrapper `layer` fields; the
    // top-level model is one too. Initializers and regularizers never sit in those places.
    if (record.isLayer === true) found.add(record.class_name);
    for (const child of asArray(layerConfig.layers)) layerClassNames({ ...asRecord(child), isLayer: true }, found);
    if (layerConfig.layer) layerClassNames({ ...asRecord(layerConfig.layer), isLayer: true }, found);
  }
  return found;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

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

/** Reads model.json and weights.bin from `folder`, checking sizes before reading anything big. */
function readSavedModel(folder: string, maxParameters: number): SavedModel {
  const jsonFile = path.join(folder, "model.json");
  const weightsFile = path.join(folder, "weights.bin");
  if (!fs.existsSync(jsonFile) || !fs.existsSync(weightsFile)) {
    throw new ScoringError("no_weights", "No trained model was saved. Make sure train() returns your model after training it.");
  }
  if (fs.statSync(jsonFile).size > MAX_MODEL_JSON_BYTES) {
    throw new ScoringError("model_too_large", "The saved model description (model.json) is larger than 4 MiB.");
  }
  let parsed: z.infer<typeof ModelJsonSchema>;
  try {
    parsed = ModelJsonSchema.parse(JSON.parse(fs.readFileSync(jsonFile, "utf8")));
  } catch {
    throw new ScoringError("corrupt_model", "The saved model.json is not a TensorFlow.js layers model.");
  }
  const weightSpecs = parsed.weightsManifest[0]?.weights ?? [];
  const parameters = weightSpecs.reduce((sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1), 0);
  if (parameters > maxParameters) {
    throw new ScoringError("too_many_parameters", `Your model has ${parameters} parameters; this assignment allows at most ${maxParameters}.`);
  }
  const size = fs.statSync(weightsFile).size;
  if (size !== parameters * 4) {
    throw new ScoringError("corrupt_model", `weights.bin holds ${size} bytes but the model lists ${parameters} weights (${parameters * 4} bytes).`);
  }
  const bytes = fs.readFileSync(weightsFile);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return { modelTopology: parsed.modelTopology, weightSpecs, weightData, parameters };
}

export async function scoreSavedModel(options: {
  folder: string;
  spec: Pick<AssignmentSpec, "metric" | "budget"> & Partial<Pick<AssignmentSpec, "requiredLayers">>;
  dataset: PreparedDataset;
}): Promise<ScoreResult> {
  const startedAt = performance.now();
  const { spec, dataset } = options;
  const saved = readSavedModel(options.folder, spec.budget.maxParameters);

  const classNames = layerClassNames({ ...saved.modelTopology, isLayer: true });
  const absent = (spec.requiredLayers ?? []).filter((name) => !classNames.has(name));
  if (absent.length > 0) {
    throw new ScoringError("missing_required_layer", `This assignment asks for a model that uses ${absent.join(", ")}; yours does not contain it.`);
  }
  const unsupported = [...classNames].filter((name) => !ALLOWED_LAYERS.has(name));
  if (unsupported.length > 0) {
    throw new ScoringError(
      "unsupported_layer",
      `The grader cannot load the layer class(es) ${unsupported.join(", ")}. Graded models may use TensorFlow.js's built-in layers and the platform layers (platformLayers.MultiHeadSelfAttention, platformLayers.PositionEmbedding); build custom behaviour from those, e.g. with tf.model() and merge layers.`,
    );
  }

  const backend = await scoringBackend();
  const { tf } = backend;
  let model: Awaited<ReturnType<typeof tf.loadLayersModel>>;
  try {
    model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: saved.modelTopology, weightSpecs: saved.weightSpecs, weightData: saved.weightData }),
    );
  } catch (error) {
    throw new ScoringError("corrupt_model", `The saved model could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }

  try {
    const expectedInput = dataset.heldOut.xs.shape.slice(1);
    const input = model.inputs[0];
    if (model.inputs.length !== 1 || !input || !checkShape(input.shape.slice(1), expectedInput)) {
      const got = model.inputs.map((i) => describeShape(i.shape)).join(", ");
      throw new ScoringError("wrong_input_shape", `The model takes ${got} but the data is ${describeShape([null, ...expectedInput])}.`);
    }
    const classes = dataset.task === "classification" ? (dataset.classNames?.length ?? 0) : 1;
    const output = model.outputs[0];
    const outputTail = (output?.shape ?? []).slice(1);
    const isRightOutput =
      model.outputs.length === 1 && (checkShape(outputTail, [classes]) || (dataset.task === "regression" && outputTail.length === 0));
    if (!isRightOutput) {
      const want = dataset.task === "classification" ? `[batch, ${classes}] (one score per class)` : "[batch, 1]";
      throw new ScoringError("wrong_output_shape", `The model outputs ${model.outputs.map((o) => describeShape(o.shape)).join(", ")} but this assignment needs ${want}.`);
    }

    const { xs, ys } = dataset.heldOut;
    const rows = xs.shape[0] ?? 0;
    const rowSize = expectedInput.reduce((a, b) => a * b, 1);
    const predictions = new Float32Array(rows * classes);
    for (let start = 0; start < rows; start += PREDICT_BATCH) {
      const count = Math.min(PREDICT_BATCH, rows - start);
      const batch = tf.tidy(() => {
        const inputs = tf.tensor(xs.data.subarray(start * rowSize, (start + count) * rowSize), [count, ...expectedInput], xs.dtype);
        const out = model.predict(inputs);
        return (Array.isArray(out) ? out[0] : out)?.reshape([count * classes]).dataSync() ?? new Float32Array(0);
      });
      predictions.set(batch, start * classes);
    }
    if (!predictions.every(Number.isFinite)) {
      throw new ScoringError("non_finite_predictions", "The model predicted NaN or infinity on some held-out examples; training probably diverged (try a smaller learning rate).");
    }

    const metrics: Record<string, number> = {};
    if (dataset.task === "classification") {
      const predicted = argmaxRows(predictions, classes);
      metrics.accuracy = accuracy(predicted, ys.data);
      metrics["macro-f1"] = macroF1(predicted, ys.data, classes);
    } else {
      metrics.mse = meanSquaredError(predictions, ys.data);
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
      backend: backend.name,
      isDeterministic: backend.isDeterministic,
    };
  } finally {
    model.dispose();
  }
}
