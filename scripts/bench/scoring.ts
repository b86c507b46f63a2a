// The two ways the scorer predicts, side by side on one model, each in its sandboxed prediction run:
// rebuilding it from model.json (built-in and platform layers) and replaying its recorded forward
// pass (how a model with the learner's own layer classes is scored). The CNN is made of built-in
// layers only, so the same saved model can be scored both ways.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { float32, int32, type PreparedDataset } from "../../grader/datasets/types";
import { recordForwardTrace, TRACE_BATCH } from "../../grader/harness/forward-trace.mjs";
import { scoreSavedModel } from "../../grader/scoring/score-model";
import { writeSavedModel } from "../../grader/scoring/write-saved-model";
import { buildCnn } from "./models";

export interface ScoringBench {
  model: string;
  heldOutRows: number;
  /** Best of the rounds, milliseconds, from reading the files to the metric. */
  rebuildMs: number;
  replayMs: number;
  replayVsRebuild: number;
  isSameAccuracy: boolean;
}

const ROWS = 5000;

export async function benchScoring(rounds: number): Promise<ScoringBench> {
  await tf.setBackend("wasm");
  const { model } = buildCnn(tf);
  const xs = Float32Array.from({ length: ROWS * 784 }, (_, i) => ((i * 7919) % 256) / 255);
  const ys = Int32Array.from({ length: ROWS }, (_, i) => i % 10);
  const split = { xs: float32([ROWS, 28, 28, 1], xs), ys: int32([ROWS], ys) };
  const dataset: PreparedDataset = {
    task: "classification",
    classNames: "0123456789".split(""),
    train: split,
    heldOut: split,
    trainSha256: "",
    heldOutSha256: "",
  };
  const spec = {
    metric: { name: "accuracy" as const, threshold: 0.5, direction: "higher" as const },
    budget: { maxEpochs: 1, trainingSeconds: 1, maxParameters: 200_000, maxCodeBytes: 1, memoryMiB: 1024 },
  };

  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-bench-scoring-"));
  try {
    const rebuilt = path.join(root, "rebuilt");
    const replayed = path.join(root, "replayed");
    fs.mkdirSync(rebuilt);
    fs.mkdirSync(replayed);
    await writeSavedModel(tf, model, rebuilt);
    // The same weights, with one layer named as a class of the learner's, so the scorer must replay.
    await writeSavedModel(tf, model, replayed, (json) => {
      const layers = (json.modelTopology as { config: { layers: { class_name: string }[] } }).config.layers;
      if (layers[0]) layers[0].class_name = "LearnerConv2D";
    });
    const input = tf.tensor(xs.subarray(0, TRACE_BATCH * 784), [TRACE_BATCH, 28, 28, 1]);
    const { trace, constantBytes } = recordForwardTrace(tf, model, input);
    input.dispose();
    fs.writeFileSync(path.join(replayed, "trace.json"), JSON.stringify(trace));
    fs.writeFileSync(path.join(replayed, "trace.bin"), constantBytes);

    let rebuildMs = Infinity;
    let replayMs = Infinity;
    let isSameAccuracy = true;
    for (let round = 0; round < rounds; round++) {
      const viaModel = await scoreSavedModel({ folder: rebuilt, spec, dataset });
      const viaTrace = await scoreSavedModel({ folder: replayed, spec, dataset });
      rebuildMs = Math.min(rebuildMs, viaModel.scoringMs);
      replayMs = Math.min(replayMs, viaTrace.scoringMs);
      isSameAccuracy &&= viaModel.metrics.accuracy === viaTrace.metrics.accuracy;
    }
    return {
      model: "cnn",
      heldOutRows: ROWS,
      rebuildMs,
      replayMs,
      replayVsRebuild: Number((replayMs / rebuildMs).toPrecision(3)),
      isSameAccuracy,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
