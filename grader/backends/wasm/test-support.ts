// Shared by the wasm kernel tests: runs the same computation on the reference 'cpu' backend and on
// 'wasm' and compares values and gradients.
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { registerWasmTrainingKernels } from "./register-training-kernels";

/** float32 sums in another order differ in the last bits; these bounds still catch any wrong tap or index. */
export const ABSOLUTE_TOLERANCE = 1e-4;
export const RELATIVE_TOLERANCE = 1e-3;

export async function useWasmWithTrainingKernels(): Promise<void> {
  await tf.setBackend("wasm");
  registerWasmTrainingKernels();
}

/** Deterministic inputs, so that both backends see the same numbers. */
export function seededValues(seed: number, size: number, low = -1, high = 1): Float32Array {
  let state = seed >>> 0 || 1;
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = low + ((state >>> 0) / 4294967296) * (high - low);
  }
  return out;
}

export interface Input {
  shape: number[];
  values: Float32Array | Int32Array;
  /** Integer inputs (indices) take no gradient. */
  differentiable: boolean;
}

export const floatInput = (seed: number, shape: number[]): Input => ({
  shape,
  values: seededValues(
    seed,
    shape.reduce((a, b) => a * b, 1),
  ),
  differentiable: true,
});

interface Result {
  value: Float32Array;
  shape: number[];
  grads: Float32Array[];
}

async function evaluate(backend: string, inputs: Input[], f: (...xs: tf.Tensor[]) => tf.Tensor): Promise<Result> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const xs = inputs.map((input) =>
      tf.tensor(input.values, input.shape, input.values instanceof Int32Array ? "int32" : "float32"),
    );
    const y = f(...xs);
    const weights = tf.tensor(seededValues(99, y.size), y.shape);
    const differentiable = xs.filter((_, i) => inputs[i]?.differentiable);
    const grads = differentiable.length
      ? tf.grads((...args: tf.Tensor[]) => {
          let next = 0;
          const all = xs.map((x, i) => (inputs[i]?.differentiable ? (args[next++] ?? x) : x));
          return tf.sum(tf.mul(f(...all), weights));
        })(differentiable)
      : [];
    return {
      value: y.dataSync() as Float32Array,
      shape: y.shape,
      grads: grads.map((g) => g.dataSync() as Float32Array),
    };
  });
}

export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] ?? NaN;
    const e = expected[i] ?? NaN;
    if (!(Math.abs(a - e) <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(e))) {
      assert.fail(`${label}: element ${i} is ${a} on wasm, ${e} on cpu`);
    }
  }
}

/** Compares f's value and the gradients of a random weighting of it, wasm against cpu. */
export async function compareWithCpu(
  label: string,
  inputs: Input[],
  f: (...xs: tf.Tensor[]) => tf.Tensor,
): Promise<void> {
  const expected = await evaluate("cpu", inputs, f);
  const actual = await evaluate("wasm", inputs, f);
  assert.deepEqual(actual.shape, expected.shape, `${label}: shape`);
  assertClose(actual.value, expected.value, `${label} value`);
  assert.equal(actual.grads.length, expected.grads.length);
  expected.grads.forEach((g, i) => assertClose(actual.grads[i] ?? [], g, `${label} gradient ${i}`));
}

// Small seeded models and data shared by the training tests.

const seeded = (seed: number) => ({
  kernelInitializer: tf.initializers.glorotUniform({ seed }),
  biasInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: seed + 1 }),
});

export function smallCnn(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [12, 12, 1], filters: 4, kernelSize: 3, activation: "relu", ...seeded(1) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: "same", activation: "relu", ...seeded(3) }),
      tf.layers.batchNormalization(),
      tf.layers.averagePooling2d({ poolSize: 2, padding: "same" }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 8, activation: "relu", ...seeded(5) }),
      tf.layers.dense({ units: 3, activation: "softmax", ...seeded(7) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  return model;
}

export function denseWithDropout(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [12, 12, 1] }),
      tf.layers.dense({ units: 16, activation: "relu", ...seeded(41) }),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: 3, activation: "softmax", ...seeded(43) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy" });
  return model;
}

export function sequenceModel(kind: "lstm" | "gru" | "bidirectional-lstm" | "attention"): tf.LayersModel {
  const input = tf.input({ shape: [6] });
  const embedded = tf.layers
    .embedding({
      inputDim: 20,
      outputDim: 8,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 11 }),
    })
    .apply(input) as tf.SymbolicTensor;
  let features: tf.SymbolicTensor;
  if (kind === "attention") {
    const normed = tf.layers.layerNormalization().apply(embedded) as tf.SymbolicTensor;
    features = tf.layers
      .globalAveragePooling1d({})
      .apply(tf.layers.dense({ units: 8, activation: "relu", ...seeded(13) }).apply(normed)) as tf.SymbolicTensor;
  } else {
    const recurrent = { units: 5, ...seeded(13), recurrentInitializer: tf.initializers.glorotUniform({ seed: 15 }) };
    const layer =
      kind === "gru"
        ? tf.layers.gru(recurrent)
        : kind === "lstm"
          ? tf.layers.lstm(recurrent)
          : tf.layers.bidirectional({ layer: tf.layers.lstm(recurrent) });
    features = layer.apply(embedded) as tf.SymbolicTensor;
  }
  const output = tf.layers
    .dense({ units: 1, activation: "sigmoid", ...seeded(17) })
    .apply(features) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  model.compile({ optimizer: tf.train.sgd(0.5), loss: "binaryCrossentropy" });
  return model;
}

export function imageData(count: number): { x: tf.Tensor; y: tf.Tensor } {
  const labels = Array.from(seededValues(21, count, 0, 3), Math.floor);
  return {
    x: tf.tensor(seededValues(20, count * 144), [count, 12, 12, 1]),
    y: tf.oneHot(tf.tensor1d(labels, "int32"), 3).toFloat(),
  };
}

export function sequenceData(count: number): { x: tf.Tensor; y: tf.Tensor } {
  return {
    x: tf.tensor(Array.from(seededValues(30, count * 6, 0, 20), Math.floor), [count, 6]),
    y: tf.tensor(Array.from(seededValues(31, count, 0, 2), Math.floor), [count, 1]),
  };
}

/** Trains a fresh model for two epochs; returns its weights and, last, its final loss. */
export async function trainedWeights(
  backend: string,
  build: () => tf.LayersModel,
  data: (n: number) => { x: tf.Tensor; y: tf.Tensor },
): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const model = build();
  const { x, y } = data(16);
  const history = await model.fit(x, y, { batchSize: 8, epochs: 2, shuffle: false, verbose: 0 });
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  const loss = history.history.loss?.at(-1);
  tf.dispose([x, y]);
  model.dispose();
  return [...weights, Float32Array.of(Number(loss))];
}

/**
 * Trains a fresh model for three epochs on the wasm backend (with whatever kernels are registered
 * over it) and asserts that live tensors and heap buffers are the same after every epoch. numTensors
 * counts what the engine tracks; numDataBuffers counts the wasm heap buffers, which is where an
 * intermediate forgotten inside a kernel would pile up.
 */
export async function assertNoLeakPerEpoch(
  build: () => tf.LayersModel,
  data: (n: number) => { x: tf.Tensor; y: tf.Tensor },
): Promise<void> {
  await tf.setBackend("wasm");
  const model = build();
  const { x, y } = data(48);
  const counts: string[] = [];
  await model.fit(x, y, {
    batchSize: 16,
    epochs: 3,
    shuffle: false,
    verbose: 0,
    callbacks: { onEpochEnd: async () => void counts.push(`${tf.memory().numTensors}/${tf.memory().numDataBuffers}`) },
  });
  tf.dispose([x, y]);
  model.dispose();
  assert.equal(counts.length, 3);
  assert.ok(
    counts.every((c) => c === counts[0]),
    `tensors/buffers per epoch: ${counts.join(", ")}`,
  );
}
