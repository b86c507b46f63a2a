// Take-home labs (mode "weights"): the learner uploads model.json and weights trained elsewhere;
// nothing runs in the sandbox and the trusted scorer grades the files on the held-out split.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { loadAssignmentSpec } from "@/lib/assignments/load-assignment";
import { GradingReceiptSchema, type AssignmentSpec } from "@/lib/assignments/spec-schema";
import { encodeWeightsBundle } from "@/lib/submissions/weights-bundle";
import { prepareDataset } from "@/grader/datasets/prepare";
import { gradeSubmission } from "./grade-submission";

const spec: AssignmentSpec = {
  ...loadAssignmentSpec("ml-foundations", "mnist-dense"),
  mode: "weights",
  split: { trainSize: 3000, heldOutSize: 1000, seed: 7 },
  metric: { name: "accuracy", threshold: 0.85, direction: "higher" },
};

/** What a learner's own `model.save()` produces, bundled as the upload form does. */
async function bundleOf(model: tf.LayersModel): Promise<string> {
  let bundle = "";
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = Array.isArray(artifacts.weightData)
        ? tf.io.CompositeArrayBuffer.join(artifacts.weightData)
        : (artifacts.weightData ?? new ArrayBuffer(0));
      const modelJson = JSON.stringify({
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ["model.weights.bin"], weights: artifacts.weightSpecs }],
      });
      bundle = encodeWeightsBundle(modelJson, new Uint8Array(weights));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  return bundle;
}

function denseModel(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 64, activation: "relu", inputShape: [784] }),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.002), loss: "categoricalCrossentropy" });
  return model;
}

describe("grading uploaded weights", () => {
  it("scores a model trained outside the platform on the held-out split, and fails an untrained one", async () => {
    await tf.setBackend("cpu");
    const { train } = prepareDataset(spec);
    const xs = tf.tensor2d(train.xs.data as Float32Array, train.xs.shape as [number, number]);
    const ys = tf.oneHot(tf.tensor1d(train.ys.data as Int32Array, "int32"), 10).toFloat();
    const trained = denseModel();
    await trained.fit(xs, ys, { epochs: 5, batchSize: 64, verbose: 0 });

    const passed = await gradeSubmission({ spec, code: await bundleOf(trained), seed: 1 });
    assert.equal(passed.status, "passed", passed.message);
    const receipt = GradingReceiptSchema.parse(passed.receipt);
    // The scorer's engine, then "uploaded"; the native engine adds its library and threads.
    assert.match(receipt.backend, /^(wasm|cpu|native)\/uploaded( · oneDNN .+, \d+ threads?)?$/);
    assert.equal(receipt.trainingMs, 0);

    const untrained = await gradeSubmission({ spec, code: await bundleOf(denseModel()), seed: 1 });
    assert.equal(untrained.status, "failed");
    assert.equal(untrained.failureCode, "below_threshold");
    tf.dispose([xs, ys]);
  });

  it("says what is wrong with an upload that is not a TensorFlow.js model", async () => {
    const notJson = await gradeSubmission({ spec, code: encodeWeightsBundle("{oops", new Uint8Array(8)), seed: 1 });
    assert.equal(notJson.failureCode, "invalid_weights");
    const wrongShape = await gradeSubmission({
      spec,
      code: encodeWeightsBundle(JSON.stringify({ format: "graph-model" }), new Uint8Array(8)),
      seed: 1,
    });
    assert.equal(wrongShape.failureKind, "learner");
    assert.match(wrongShape.message, /modelTopology and weightsManifest/);
  });
});
