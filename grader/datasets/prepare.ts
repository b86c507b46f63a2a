// Turns an assignment's data set, split and preprocessing into train and held-out arrays. Which
// rows are held out is decided by the platform's held-out secret (heldout-secret.ts), never by
// anything published: a pool is ordered by a keyed permutation, train taking the first trainSize
// examples and the held-out split the next heldOutSize, so the two can never overlap; a synthetic
// set draws its held-out rows from a stream keyed by the secret.
import { createHash } from "node:crypto";
import type { AssignmentSpec } from "@/lib/assignments/spec-schema";
import { readOrCreateHeldOutSecret } from "./heldout-secret";
import { keyedPermutation, keyedUniform } from "./keyed-random";
import { gaussianFrom } from "./random";
import {
  drawRegressionRows,
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

export type DatasetInputs = Pick<AssignmentSpec, "slug" | "dataset" | "split" | "preprocessing">;

/**
 * What the keyed draws of a lab are tied to besides the secret: its slug (so two labs on one pool
 * are split differently) and its seed (so an author can still ask for a fresh split).
 */
function keyContext(purpose: string, spec: DatasetInputs): string {
  return JSON.stringify([purpose, spec.slug, spec.split.seed]);
}

/** Indices into the pool of the train and held-out examples. */
export function splitIndices(
  poolSize: number,
  spec: DatasetInputs,
  secret: Buffer,
): { train: Int32Array; heldOut: Int32Array } {
  const { trainSize, heldOutSize } = spec.split;
  if (trainSize + heldOutSize > poolSize) {
    throw new Error(`The split needs ${trainSize + heldOutSize} examples but the data set has ${poolSize}.`);
  }
  const order = keyedPermutation(poolSize, secret, keyContext("pool-split", spec));
  return { train: order.subarray(0, trainSize), heldOut: order.subarray(trainSize, trainSize + heldOutSize) };
}

function finish(
  train: Split,
  heldOut: Split,
  rest: Omit<PreparedDataset, "train" | "heldOut" | "trainSha256" | "heldOutSha256">,
): PreparedDataset {
  return { ...rest, train, heldOut, trainSha256: hashSplit(train), heldOutSha256: hashSplit(heldOut) };
}

function prepareImages(pool: ImagePool, classNames: string[], spec: DatasetInputs, secret: Buffer): PreparedDataset {
  const shape = spec.preprocessing.imageLayout === "image" ? [28, 28, 1] : [784];
  const xs = float32([pool.count, ...shape], pool.pixels);
  const ys = int32([pool.count], pool.labels);
  const { train, heldOut } = splitIndices(pool.count, spec, secret);
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

function prepareText(pool: EmailPool, spec: DatasetInputs, secret: Buffer): PreparedDataset {
  const { train, heldOut } = splitIndices(pool.labels.length, spec, secret);
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

/** Builds the split from scratch with the given held-out secret; prepareDataset memoises this. */
export function prepareDatasetUncached(spec: DatasetInputs, secret: Buffer): PreparedDataset {
  const { dataset, split } = spec;
  switch (dataset.kind) {
    case "synthetic-regression": {
      const { task, train } = generateRegression(split.trainSize, dataset.features, dataset.noise, split.seed);
      // Same relation, fresh inputs and noise: the task is the published one, the rows are not.
      const heldOut = drawRegressionRows(
        split.heldOutSize,
        task,
        gaussianFrom(keyedUniform(secret, keyContext("synthetic-held-out", spec))),
      );
      return finish(
        { xs: float32([split.trainSize, dataset.features], train.xs), ys: float32([split.trainSize, 1], train.ys) },
        {
          xs: float32([split.heldOutSize, dataset.features], heldOut.xs),
          ys: float32([split.heldOutSize, 1], heldOut.ys),
        },
        { task: "regression" },
      );
    }
    case "mnist":
      return prepareImages(loadMnistPool(), MNIST_CLASSES, spec, secret);
    case "fashion-mnist":
      return prepareImages(loadFashionMnistPool(), FASHION_CLASSES, spec, secret);
    case "spam-assassin":
      return prepareText(loadSpamAssassinPool(dataset.bodyOnly), spec, secret);
  }
}

// A worker grades many submissions of the same few assignments; re-splitting each time is waste.
const prepared = new Map<string, PreparedDataset>();
const MAX_PREPARED = 4;

/** The lab's split under this installation's held-out secret (read, or created, in the data folder). */
export function prepareDataset(spec: DatasetInputs): PreparedDataset {
  const secret = readOrCreateHeldOutSecret();
  // Part of the key so that a replaced secret file is never answered with the old split.
  const secretId = createHash("sha256").update(secret).digest("hex");
  const key = JSON.stringify([secretId, spec.slug, spec.dataset, spec.split, spec.preprocessing]);
  const hit = prepared.get(key);
  if (hit) return hit;
  const result = prepareDatasetUncached(spec, secret);
  if (prepared.size >= MAX_PREPARED) {
    const oldest = prepared.keys().next().value;
    if (oldest !== undefined) prepared.delete(oldest);
  }
  prepared.set(key, result);
  return result;
}
