import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import {
  assertClose,
  assertNoLeakPerEpoch,
  denseWithDropout,
  imageData,
  sequenceData,
  sequenceModel,
  smallCnn,
  trainedWeights,
  useWasmWithTrainingKernels,
} from "./test-support";

before(useWasmWithTrainingKernels);

describe("training on wasm", () => {
  for (const [name, build, data] of [
    ["CNN", smallCnn, imageData],
    ["LSTM", () => sequenceModel("lstm"), sequenceData],
    ["layer-norm model", () => sequenceModel("attention"), sequenceData],
    ["dense model with dropout", denseWithDropout, imageData],
  ] as const) {
    it(`${name}: live tensors and heap buffers are the same after every epoch (no leaks)`, () =>
      assertNoLeakPerEpoch(build, data));
  }

  it("trains a dense layer on sequences whose output gradient also feeds a broadcast bias (once a heap corruption)", async () => {
    await tf.setBackend("wasm");
    // dense over [batch, 28, 32] then a [28, 32] learned position offset: the same gradient tensor
    // is the right-hand side of the dense kernel's weight gradient and of the offset's leading-axis sum.
    const { registerPlatformLayers } = await import("@/grader/harness/platform-layers.mjs");
    const input = tf.input({ shape: [28, 32] });
    const projected = tf.layers.dense({ units: 32 }).apply(input) as tf.SymbolicTensor;
    const offset = registerPlatformLayers(tf)
      .positionEmbedding({ maxLength: 28 })
      .apply(projected) as tf.SymbolicTensor;
    const output = tf.layers
      .dense({ units: 10, activation: "softmax" })
      .apply(tf.layers.globalAveragePooling1d().apply(offset)) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    model.compile({ optimizer: tf.train.adam(0.003), loss: "categoricalCrossentropy" });
    const x = tf.randomNormal([128, 28, 32], 0, 1, "float32", 1);
    const y = tf
      .oneHot(
        tf.tensor1d(
          Array.from({ length: 128 }, (_, i) => i % 10),
          "int32",
        ),
        10,
      )
      .toFloat();
    const history = await model.fit(x, y, { epochs: 2, batchSize: 64, verbose: 0 });
    assert.ok(history.history.loss?.every((loss) => Number.isFinite(Number(loss))));
    tf.dispose([x, y]);
    model.dispose();
  });

  it("is reproducible: same seeds give identical weights and loss", async () => {
    const first = await trainedWeights("wasm", smallCnn, imageData);
    const second = await trainedWeights("wasm", smallCnn, imageData);
    assert.deepEqual(second, first);
  });

  for (const [name, build, data] of [
    ["CNN (conv, pooling, batch-norm)", smallCnn, imageData],
    ["LSTM", () => sequenceModel("lstm"), sequenceData],
    ["GRU", () => sequenceModel("gru"), sequenceData],
    ["bidirectional LSTM", () => sequenceModel("bidirectional-lstm"), sequenceData],
    ["layer-norm + dense over embeddings", () => sequenceModel("attention"), sequenceData],
  ] as const) {
    it(`${name}: weights after two epochs match the cpu backend`, async () => {
      const expected = await trainedWeights("cpu", build, data);
      const actual = await trainedWeights("wasm", build, data);
      expected.forEach((w, i) => assertClose(actual[i] ?? [], w, `${name} weight ${i}`));
    });
  }
});
