// The in-memory form of a prepared data set. Plain typed arrays (not tensors) so the same bytes
// can be hashed, written for the sandbox, and handed to whichever tfjs backend the scorer uses.
import { createHash } from "node:crypto";

export type ArrayDtype = "float32" | "int32";

export interface DenseArray {
  dtype: ArrayDtype;
  shape: number[];
  data: Float32Array | Int32Array;
}

export interface Split {
  /** Inputs: images, feature vectors or token ids, first axis = examples. */
  xs: DenseArray;
  /** Targets: class ids (int32, [n]) for classification, values (float32, [n, 1]) for regression. */
  ys: DenseArray;
}

export type Task = "classification" | "regression";

export interface PreparedDataset {
  task: Task;
  /** Classes of a classification task, in id order. */
  classNames?: string[];
  /** Token of each id for text data (0 = padding, 1 = out of vocabulary). */
  vocabulary?: string[];
  train: Split;
  heldOut: Split;
  trainSha256: string;
  heldOutSha256: string;
}

export function float32(shape: number[], data: Float32Array): DenseArray {
  return { dtype: "float32", shape, data };
}

export function int32(shape: number[], data: Int32Array): DenseArray {
  return { dtype: "int32", shape, data };
}

export function bytesOf(array: DenseArray): Uint8Array {
  return new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);
}

/** The header makes the hash cover dtypes and shapes too, so the same bytes read as another shape hash differently. */
export function splitHeader(split: Split): string {
  return JSON.stringify({
    xs: { dtype: split.xs.dtype, shape: split.xs.shape },
    ys: { dtype: split.ys.dtype, shape: split.ys.shape },
  });
}

export function hashSplit(split: Split): string {
  return createHash("sha256")
    .update(`${splitHeader(split)}\n`)
    .update(bytesOf(split.xs))
    .update(bytesOf(split.ys))
    .digest("hex");
}

/** Copies the examples at `indices` (along the first axis) into a new array. */
export function gather(array: DenseArray, indices: ArrayLike<number>): DenseArray {
  const rowSize = array.shape.slice(1).reduce((a, b) => a * b, 1);
  const out =
    array.dtype === "float32" ? new Float32Array(indices.length * rowSize) : new Int32Array(indices.length * rowSize);
  for (let i = 0; i < indices.length; i++) {
    const row = indices[i] ?? 0;
    out.set(array.data.subarray(row * rowSize, (row + 1) * rowSize), i * rowSize);
  }
  return { dtype: array.dtype, shape: [indices.length, ...array.shape.slice(1)], data: out };
}
