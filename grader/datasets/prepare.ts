// Turns an assignment's data set, split and preprocessing into train and held-out arrays. The
// split is a seeded shuffle of the whole pool: train takes the first trainSize examples, the
// held-out split the next heldOutSize, so the two can never overlap.
import type { AssignmentSpec } from "@/lib/assignments/spec-schema";
import { seededPermutation } from "./random";
import {
  type EmailPool,
  FASHION_CLASSES,
  generateRegression,
  type ImagePool,
  loadFashionMnistPool,
  loadMnistPool,
  loadSpamAssassinPool,
  MNIST_CLASSES,
} from "./sources";
import { type DenseArray, float32, gather, hashSplit, int32, type PreparedDataset, type Split } from "./types";

export const PAD_ID = 0;
export const OOV_ID = 1;

type DatasetInputs = Pick<AssignmentSpec, "dataset" | "split" | "preprocessing">;

function splitIndices(poolSize: number, spec: DatasetInputs): { train: Int32Array; heldOut: Int32Array } {
  const { trainSize, heldOutSize, seed } = spec.split;
  if (trainSize + heldOutSize > poolSize) {
    throw new Error(`The split needs ${trainSize + heldOutSize} examples but the data set has ${poolSize}.`);
  }
  const order = seededPermutation(poolSize, seed);
  return { train: order.subarray(0, trainSize), heldOut: order.subarray(trainSize, trainSize + heldOutSize) };
}

function finish(
  train: Split,
  heldOut: Split,
  rest: Omit<PreparedDataset, "train" | "heldOut" | "trainSha256" | "heldOutSha256">,
): PreparedDataset {
  return { ...rest, train, heldOut, trainSha256: hashSplit(train), heldOutSha256: hashSplit(heldOut) };
}

function prepareImages(pool: ImagePool, classNames: string[], spec: DatasetInputs): PreparedDataset {
  const shape = spec.preprocessing.imageLayout === "image" ? [28, 28, 1] : [784];
  const xs = float32([pool.count, ...shape], pool.pixels);
  const ys = int32([pool.count], pool.labels);
  const { train, heldOut } = splitIndices(pool.count, spec);
  return finish(
    { xs: gather(xs, train), ys: gather(ys, train) },
    { xs: gather(xs, heldOut), ys: gather(ys, heldOut) },
    { task: "classification", classNames },
  );
}

/** Vocabulary from the TRAIN split only: the most frequent tokens, ties broken alphabetically. */
export function buildVocabulary(documents: readonly string[][], size: number): string[] {
  const counts = new Map<string, number>();
  for (const tokens of documents) for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return ["<pad>", "<oov>", ...ranked.slice(0, size - 2).map(([token]) => token)];
}

/** Token ids of each document, truncated or padded with PAD_ID at the end to `length`. */
export function encodeDocuments(
  documents: readonly string[][],
  vocabulary: readonly string[],
  length: number,
): DenseArray {
  const ids = new Map(vocabulary.map((token, id) => [token, id]));
  const out = new Int32Array(documents.length * length);
  documents.forEach((tokens, row) => {
    const count = Math.min(tokens.length, length);
    for (let i = 0; i < count; i++) out[row * length + i] = ids.get(tokens[i] ?? "") ?? OOV_ID;
  });
  return int32([documents.length, length], out);
}

function prepareText(pool: EmailPool, spec: DatasetInputs): PreparedDataset {
  const { train, heldOut } = splitIndices(pool.labels.length, spec);
  const pick = (indices: Int32Array) => Array.from(indices, (i) => pool.tokens[i] ?? []);
  const trainDocs = pick(train);
  const vocabulary = buildVocabulary(trainDocs, spec.preprocessing.vocabularySize);
  const labels = int32([pool.labels.length], pool.labels);
  const length = spec.preprocessing.sequenceLength;
  return finish(
    { xs: encodeDocuments(trainDocs, vocabulary, length), ys: gather(labels, train) },
    { xs: encodeDocuments(pick(heldOut), vocabulary, length), ys: gather(labels, heldOut) },
    { task: "classification", classNames: ["ham", "spam"], vocabulary },
  );
}

/** Builds the split from scratch; prepareDataset memoises this. */
export function prepareDatasetUncached(spec: DatasetInputs): PreparedDataset {
  const { dataset, split } = spec;
  switch (dataset.kind) {
    case "synthetic-regression": {
      const count = split.trainSize + split.heldOutSize;
      const pool = generateRegression(count, dataset.features, dataset.noise, split.seed);
      const xs = float32([count, dataset.features], pool.xs);
      const ys = float32([count, 1], pool.ys);
      // Generated examples are already independent draws, so the first trainSize are the train split.
      const train = Int32Array.from({ length: split.trainSize }, (_, i) => i);
      const heldOut = Int32Array.from({ length: split.heldOutSize }, (_, i) => split.trainSize + i);
      return finish(
        { xs: gather(xs, train), ys: gather(ys, train) },
        { xs: gather(xs, heldOut), ys: gather(ys, heldOut) },
        { task: "regression" },
      );
    }
    case "mnist":
      return prepareImages(loadMnistPool(), MNIST_CLASSES, spec);
    case "fashion-mnist":
      return prepareImages(loadFashionMnistPool(), FASHION_CLASSES, spec);
    case "spam-assassin":
      return prepareText(loadSpamAssassinPool(dataset.bodyOnly), spec);
  }
}

// A worker grades many submissions of the same few assignments; re-splitting each time is waste.
const prepared = new Map<string, PreparedDataset>();
const MAX_PREPARED = 4;

export function prepareDataset(spec: DatasetInputs): PreparedDataset {
  const key = JSON.stringify([spec.dataset, spec.split, spec.preprocessing]);
  const hit = prepared.get(key);
  if (hit) return hit;
  const result = prepareDatasetUncached(spec);
  if (prepared.size >= MAX_PREPARED) {
    const oldest = prepared.keys().next().value;
    if (oldest !== undefined) prepared.delete(oldest);
  }
  prepared.set(key, result);
  return result;
}
