// Scoring a model with a layer class the learner wrote: from the recorded forward pass, replayed in
// the sandboxed prediction run, with every kind of broken or hostile recording turned into a clear failure.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { float32, int32, type PreparedDataset } from "@/grader/datasets/types";
import { recordForwardTrace, TRACE_BATCH, type ForwardTrace } from "@/grader/harness/forward-trace.mjs";
import { nativeEngineSetup } from "@/grader/pipeline/native-engine";
import { accuracy, argmaxRows } from "./metrics";
import { ScoringError, scoreSavedModel } from "./score-model";
import { writeSavedModel } from "./write-saved-model";

type Tf = typeof tf;
type Model = ReturnType<Tf["model"]>;

const folders: string[] = [];
after(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

const ROWS = 300; // not a multiple of the recording's batch, so the padded last batch is exercised
const spec = {
  metric: { name: "accuracy" as const, threshold: 0.5, direction: "higher" as const },
  budget: { maxEpochs: 1, trainingSeconds: 1, maxParameters: 20_000, maxCodeBytes: 1000, memoryMiB: 512 },
};

function dataset(): PreparedDataset {
  const xs = Float32Array.from({ length: ROWS * 16 }, (_, i) => Math.sin(i * 0.37));
  const ys = Int32Array.from({ length: ROWS }, (_, i) => i % 3);
  const split = { xs: float32([ROWS, 16], xs), ys: int32([ROWS], ys) };
  return {
    task: "classification",
    classNames: ["a", "b", "c"],
    train: split,
    heldOut: split,
    trainSha256: "",
    heldOutSha256: "",
  };
}

/** A learner-style layer: a gated projection, built from tf operations only. */
function defineGatedLayer() {
  class Gated extends tf.layers.Layer {
    static className = "TestGated";
    kernel!: ReturnType<InstanceType<Tf["layers"]["Layer"]>["addWeight"]>;
    override build(inputShape: (number | null)[]) {
      const features = inputShape[inputShape.length - 1] ?? 0;
      this.kernel = this.addWeight("kernel", [features, features], "float32", tf.initializers.glorotNormal({}));
    }
    override computeOutputShape(inputShape: (number | null)[]) {
      return inputShape;
    }
    override call(inputs: ReturnType<Tf["tensor"]> | ReturnType<Tf["tensor"]>[]) {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? inputs[0]! : inputs;
        return tf.mul(x, tf.sigmoid(tf.matMul(x, this.kernel.read()))).add(tf.scalar(0.1));
      });
    }
  }
  tf.serialization.registerClass(Gated);
  return Gated;
}

let model: Model;
let expectedAccuracy: number;

before(async () => {
  // The engine the scorer's sandboxed replay picks for these kernels, so the expected scores are its own.
  await tf.setBackend("wasm");
  const Gated = defineGatedLayer();
  const input = tf.input({ shape: [16] });
  const gated = new Gated({}).apply(input) as ReturnType<Tf["input"]>;
  const output = tf.layers.dense({ units: 3, activation: "softmax" }).apply(gated) as ReturnType<Tf["input"]>;
  model = tf.model({ inputs: input, outputs: output });
  const data = dataset();
  const predicted = model.predict(tf.tensor(data.heldOut.xs.data, [ROWS, 16])) as ReturnType<Tf["tensor"]>;
  expectedAccuracy = accuracy(argmaxRows(predicted.dataSync(), 3), data.heldOut.ys.data);
});

/** Saves the model as the harness does for a custom layer: model.json, weights.bin, trace.json, trace.bin. */
async function saveRecorded(
  edit?: (trace: ForwardTrace) => void,
  constantBytes?: (bytes: Uint8Array) => Uint8Array,
): Promise<string> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-traced-"));
  folders.push(folder);
  await writeSavedModel(tf, model, folder);
  const input = tf.tensor(dataset().train.xs.data.subarray(0, TRACE_BATCH * 16), [TRACE_BATCH, 16]);
  const recorded = recordForwardTrace(tf, model, input);
  input.dispose();
  edit?.(recorded.trace);
  fs.writeFileSync(path.join(folder, "trace.json"), JSON.stringify(recorded.trace));
  fs.writeFileSync(
    path.join(folder, "trace.bin"),
    constantBytes ? constantBytes(recorded.constantBytes) : recorded.constantBytes,
  );
  return folder;
}

async function assertScoringError(
  folder: string,
  code: string,
  message: RegExp,
  scoredSpec: Parameters<typeof scoreSavedModel>[0]["spec"] = spec,
): Promise<void> {
  await assert.rejects(scoreSavedModel({ folder, spec: scoredSpec, dataset: dataset() }), (error: unknown) => {
    assert.ok(error instanceof ScoringError, String(error));
    assert.equal(error.code, code, error.message);
    assert.match(error.message, message);
    return true;
  });
}

describe("scoring a model with the learner's own layer class", () => {
  it("scores it from the recorded forward pass exactly as the model predicts", async () => {
    const result = await scoreSavedModel({ folder: await saveRecorded(), spec, dataset: dataset() });
    assert.equal(result.metrics.accuracy, expectedAccuracy);
    assert.equal(result.backend, nativeEngineSetup() ? "native-replay" : "wasm-replay");
  });

  it("refuses it without a recording, or where the assignment requires a platform layer", async () => {
    const folder = await saveRecorded();
    fs.rmSync(path.join(folder, "trace.json"));
    await assertScoringError(folder, "unsupported_layer", /TestGated.*no recorded forward pass/);
    await assertScoringError(await saveRecorded(), "unsupported_layer", /can confirm only/, {
      ...spec,
      requiredLayers: ["Dense"],
    });
  });

  it("rejects recordings that are malformed, out of order, over budget or for other inputs", async () => {
    const garbled = await saveRecorded();
    fs.writeFileSync(path.join(garbled, "trace.json"), "{ not json");
    await assertScoringError(garbled, "corrupt_model", /not one the grader wrote/);
    await assertScoringError(
      await saveRecorded((trace) => trace.steps[0] && (trace.steps[0].inputs = [999])),
      "corrupt_model",
      /reads value 999/,
    );
    await assertScoringError(
      await saveRecorded(undefined, (bytes) => bytes.subarray(0, 8)),
      "corrupt_model",
      /beyond the end/,
    );
    await assertScoringError(
      await saveRecorded(
        (trace) => trace.constants[0] && (trace.constants[0].shape = [spec.budget.maxParameters + 70_000]),
      ),
      "too_many_parameters",
      /budget allows/,
    );
    await assertScoringError(
      await saveRecorded((trace) => (trace.input.shape = [TRACE_BATCH, 17])),
      "wrong_input_shape",
      /\[batch, 17\]/,
    );
  });

  it("contains hostile recordings in the sandboxed replay and keeps scoring", async () => {
    await assertScoringError(
      await saveRecorded((trace) =>
        trace.steps.push({
          kernel: "NoSuchKernel",
          inputs: { x: trace.output },
          attrs: {},
          outputs: [trace.output + 10_000],
        }),
      ),
      "trace_replay_failed",
      /NoSuchKernel/,
    );
    // A 16M x 16M fill: no op would ask for it; the replay must fail on its own, not take the worker down.
    await assertScoringError(
      await saveRecorded((trace) => {
        trace.steps.push({
          kernel: "Fill",
          inputs: {},
          attrs: { shape: [2 ** 24, 2 ** 24], value: 1, dtype: "float32" },
          outputs: [50_000],
        });
        trace.output = 50_000;
      }),
      "trace_replay_failed",
      /failed/,
    );
    // A 2^15 x 2^14 fill is 2 GiB of float32: possible for the kernel, far over the lab's memory.
    await assertScoringError(
      await saveRecorded((trace) => {
        trace.steps.push({
          kernel: "Fill",
          inputs: {},
          attrs: { shape: [2 ** 15, 2 ** 14], value: 1, dtype: "float32" },
          outputs: [50_000],
        });
        trace.output = 50_000;
      }),
      "trace_replay_failed",
      /Replaying your model's recorded forward pass on the held-out data ran out of memory/,
    );
    const result = await scoreSavedModel({ folder: await saveRecorded(), spec, dataset: dataset() });
    assert.equal(result.metrics.accuracy, expectedAccuracy, "the worker still scores the next model");
  });
});
