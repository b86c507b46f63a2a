// The TRAIN split as the learner's train() receives it: tensors made from the binary files the
// grader wrote into the data folder, described by its manifest.json.
import fs from "node:fs";
import path from "node:path";
import type * as tfjs from "@tensorflow/tfjs";
import { TrainManifestSchema, type TrainManifest } from "@/grader/datasets/materialise";
import type { Tf } from "./start-backend";

export interface TrainingData {
  task: TrainManifest["task"];
  /** Inputs of the TRAIN split. */
  xs: tfjs.Tensor;
  /** One-hot float targets for classification, [n, 1] values for regression. */
  ys: tfjs.Tensor;
  /** Class ids (int32, [n]) for sparse losses; undefined for regression. */
  labels: tfjs.Tensor | undefined;
  size: number;
  inputShape: number[];
  numClasses: number | undefined;
  classNames: string[] | undefined;
  vocabulary: string[] | undefined;
}

function readArray(tf: Tf, folder: string, spec: TrainManifest["xs"]): tfjs.Tensor {
  const bytes = fs.readFileSync(path.join(folder, spec.file));
  // A copy, so the typed array starts at offset 0 of a buffer of its own, as Float32Array needs.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const values = spec.dtype === "float32" ? new Float32Array(copy.buffer) : new Int32Array(copy.buffer);
  return tf.tensor(values, spec.shape, spec.dtype);
}

export function loadTrainingData(tf: Tf, dataDir: string): Readonly<TrainingData> {
  const manifest = TrainManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, "manifest.json"), "utf8")));
  const xs = readArray(tf, dataDir, manifest.xs);
  const targets = readArray(tf, dataDir, manifest.ys);
  const numClasses = manifest.classNames?.length;
  const isClassification = manifest.task === "classification";
  return Object.freeze({
    task: manifest.task,
    xs,
    ys: isClassification ? tf.oneHot(targets as tfjs.Tensor1D, numClasses ?? 0).toFloat() : targets,
    labels: isClassification ? targets : undefined,
    size: manifest.xs.shape[0] ?? 0,
    inputShape: manifest.xs.shape.slice(1),
    numClasses,
    classNames: manifest.classNames,
    vocabulary: manifest.vocabulary,
  });
}
