import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { float32, int32, type PreparedDataset } from "@/grader/datasets/types";
import { accuracy, argmaxRows, macroF1, meanSquaredError } from "./metrics";
import { layerClassNames } from "@/grader/harness/scorable-layers.mjs";
import { ScoringError, scoreSavedModel } from "./score-model";
import { writeSavedModel } from "./write-saved-model";

const folders: string[] = [];
before(async () => {
  // The engine the scorer's sandboxed run rebuilds models on.
  await tf.setBackend("wasm");
});
after(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

type Tf = typeof tf;
type Model = ReturnType<Tf["model"]>;

/** Saves a model the way the sandbox harness does: model.json plus one weights.bin. */
async function saveModel(model: Model, edit?: (json: Record<string, unknown>) => void): Promise<string> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-score-"));
  folders.push(folder);
  await writeSavedModel(tf, model, folder, edit);
  return folder;
}

function imageDataset(rows: number): PreparedDataset {
  const xs = new Float32Array(rows * 784);
  for (let i = 0; i < xs.length; i++) xs[i] = (i % 255) / 255;
  const ys = Int32Array.from({ length: rows }, (_, i) => i % 10);
  const split = { xs: float32([rows, 784], xs), ys: int32([rows], ys) };
  return {
    task: "classification",
    classNames: "0123456789".split(""),
    train: split,
    heldOut: split,
    trainSha256: "",
    heldOutSha256: "",
  };
}

const classificationSpec = {
  metric: { name: "accuracy" as const, threshold: 0.5, direction: "higher" as const },
  budget: { maxEpochs: 1, trainingSeconds: 1, maxParameters: 200_000, maxCodeBytes: 1000, memoryMiB: 512 },
};

describe("metrics", () => {
  it("computes accuracy, macro-F1 and MSE on known inputs", () => {
    assert.equal(accuracy([0, 1, 1, 2], [0, 1, 2, 2]), 0.75);
    // class 0: P=1 R=1 F1=1; class 1: P=1/2 R=1 F1=2/3; class 2: P=1 R=1/2 F1=2/3
    assert.ok(Math.abs(macroF1([0, 1, 1, 2], [0, 1, 2, 2], 3) - (1 + 2 / 3 + 2 / 3) / 3) < 1e-12);
    assert.equal(macroF1([1, 1], [1, 1], 2), 1, "a class absent from labels and predictions is skipped");
    assert.equal(macroF1([0, 0], [1, 1], 2), 0);
    assert.equal(meanSquaredError([1, 2, 3], [1, 2, 5]), 4 / 3);
    assert.deepEqual([...argmaxRows([0.1, 0.9, 0.8, 0.2, 0.3, 0.3], 2)], [1, 0, 0]);
  });

  it("finds layer classes nested in wrappers but not initialisers", () => {
    const topology = {
      class_name: "Sequential",
      config: {
        layers: [
          {
            class_name: "Bidirectional",
            config: {
              layer: {
                class_name: "LSTM",
                config: { kernel_initializer: { class_name: "GlorotUniform", config: {} } },
              },
            },
          },
          { class_name: "MyCustomLayer", config: {} },
        ],
      },
      isLayer: true,
    };
    assert.deepEqual([...layerClassNames(topology)].sort(), ["Bidirectional", "LSTM", "MyCustomLayer", "Sequential"]);
  });
});

describe("scoreSavedModel", () => {
  it("scores 10,000 MNIST-sized images in batches", async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ units: 128, activation: "relu", inputShape: [784] }),
        tf.layers.dense({ units: 10, activation: "softmax" }),
      ],
    });
    const folder = await saveModel(model);
    const result = await scoreSavedModel({ folder, spec: classificationSpec, dataset: imageDataset(10_000) });
    assert.ok(result.metrics.accuracy !== undefined && result.metrics["macro-f1"] !== undefined);
    assert.equal(result.parameters, 784 * 128 + 128 + 1290);
  });

  it("rejects a wrong output shape, too many parameters, unknown layers, a missing required layer and truncated weights", async () => {
    const dataset = imageDataset(20);
    const fiveWay = tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [784] })] });
    await assert.rejects(
      scoreSavedModel({ folder: await saveModel(fiveWay), spec: classificationSpec, dataset }),
      (error: unknown) => error instanceof ScoringError && error.code === "wrong_output_shape",
    );

    const wide = tf.sequential({ layers: [tf.layers.dense({ units: 10, inputShape: [784] })] });
    const tight = { ...classificationSpec, budget: { ...classificationSpec.budget, maxParameters: 100 } };
    await assert.rejects(
      scoreSavedModel({ folder: await saveModel(wide), spec: tight, dataset }),
      (error: unknown) => error instanceof ScoringError && error.code === "too_many_parameters",
    );

    const renamed = await saveModel(wide, (json) => {
      const topology = json.modelTopology as { config: { layers: { class_name: string }[] } };
      const layer = topology.config.layers[0];
      if (layer) layer.class_name = "LearnerLayer";
    });
    await assert.rejects(
      scoreSavedModel({ folder: renamed, spec: classificationSpec, dataset }),
      (error: unknown) =>
        error instanceof ScoringError && error.code === "unsupported_layer" && error.message.includes("LearnerLayer"),
    );

    const withoutAttention = { ...classificationSpec, requiredLayers: ["GradientMultiHeadSelfAttention"] };
    await assert.rejects(
      scoreSavedModel({ folder: await saveModel(wide), spec: withoutAttention, dataset }),
      (error: unknown) =>
        error instanceof ScoringError &&
        error.code === "missing_required_layer" &&
        error.message.includes("GradientMultiHeadSelfAttention"),
    );

    const truncated = await saveModel(wide);
    fs.truncateSync(path.join(truncated, "weights.bin"), 100);
    await assert.rejects(
      scoreSavedModel({ folder: truncated, spec: classificationSpec, dataset }),
      (error: unknown) => error instanceof ScoringError && error.code === "corrupt_model",
    );

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-score-"));
    folders.push(empty);
    await assert.rejects(
      scoreSavedModel({ folder: empty, spec: classificationSpec, dataset }),
      (error: unknown) => error instanceof ScoringError && error.code === "no_weights",
    );
  });

  it("ends a model.json whose rebuild would exhaust memory as the learner's failure, inside the sandbox", async () => {
    const small = tf.sequential({ layers: [tf.layers.dense({ units: 10, inputShape: [784] })] });
    // Twelve 4096 x 4096 layers in a few kB of model.json: rebuilding allocates 768 MiB of weights
    // before it finds that weights.bin holds none of them.
    const folder = await saveModel(small, (json) => {
      const layers = (json.modelTopology as { config: { layers: { class_name: string; config: object }[] } }).config
        .layers;
      const dense = layers[0];
      assert.ok(dense);
      const huge = Array.from({ length: 12 }, (_, i) => ({
        class_name: "Dense",
        config: {
          ...dense.config,
          name: `huge_${i}`,
          units: 4096,
          kernel_initializer: { class_name: "Zeros", config: {} },
        },
      }));
      layers.splice(0, 0, ...huge);
    });
    const tight = { ...classificationSpec, budget: { ...classificationSpec.budget, memoryMiB: 256 } };
    await assert.rejects(scoreSavedModel({ folder, spec: tight, dataset: imageDataset(20) }), (error: unknown) => {
      assert.ok(error instanceof ScoringError, String(error));
      assert.equal(error.code, "corrupt_model", error.message);
      assert.match(error.message, /model\.json .* ran out of memory \(the limit is 256 MiB\)/);
      return true;
    });
    const wide = tf.sequential({ layers: [tf.layers.dense({ units: 10, inputShape: [784] })] });
    const result = await scoreSavedModel({ folder: await saveModel(wide), spec: tight, dataset: imageDataset(20) });
    assert.ok(result.metrics.accuracy !== undefined, "the grader still scores the next model");
  });

  it("loads the platform attention layer without learner code", async () => {
    const { registerPlatformLayers } = await import("@/grader/harness/platform-layers.mjs");
    const platform = registerPlatformLayers(tf);
    const input = tf.input({ shape: [8] });
    let x = tf.layers.embedding({ inputDim: 50, outputDim: 16 }).apply(input) as ReturnType<typeof tf.input>;
    x = platform.positionEmbedding({ maxLength: 8 }).apply(x) as typeof x;
    x = platform.multiHeadSelfAttention({ numHeads: 2, keyDim: 8 }).apply(x) as typeof x;
    x = tf.layers.globalAveragePooling1d().apply(x) as typeof x;
    const output = tf.layers.dense({ units: 2, activation: "softmax" }).apply(x) as typeof x;
    const model = tf.model({ inputs: input, outputs: output });
    const rows = 30;
    const tokens = Int32Array.from({ length: rows * 8 }, (_, i) => i % 50);
    const labels = Int32Array.from({ length: rows }, (_, i) => i % 2);
    const split = { xs: int32([rows, 8], tokens), ys: int32([rows], labels) };
    const dataset: PreparedDataset = {
      task: "classification",
      classNames: ["a", "b"],
      train: split,
      heldOut: split,
      trainSha256: "",
      heldOutSha256: "",
    };
    const expected = (model.predict(tf.tensor2d(tokens, [rows, 8], "int32")) as ReturnType<typeof tf.tensor>)
      .argMax(-1)
      .dataSync();
    const result = await scoreSavedModel({
      folder: await saveModel(model),
      spec: { ...classificationSpec, requiredLayers: ["GradientMultiHeadSelfAttention"] },
      dataset,
    });
    assert.equal(result.metrics.accuracy, accuracy(expected, labels));
  });
});
