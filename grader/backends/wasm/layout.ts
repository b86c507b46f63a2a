// Transpose and Tile, the two layout kernels training leans on (every matmul gradient transposes
// one side; layer normalisation tiles its statistics). The backend's own versions walk the output
// with one strided access per element: a 2048x256 transpose writes each element a page apart and
// takes about 20 ms, a [32,64,1] -> [32,64,64] tile about 25 ms. Here the same moves are done on
// the wasm heap from JavaScript, by cache-sized blocks and contiguous runs (1-2 ms for either).
import * as tf from "@tensorflow/tfjs";
import type { Backend } from "./kernel-scope";

type Args = Parameters<tf.KernelFunc>[0];
type Numbers = Float32Array | Int32Array | Uint8Array;

/** Square blocks of this side fit both their source and target rows in L1. */
const BLOCK = 32;
/** Below this length a plain loop copies a run faster than creating a subarray for it. */
const SHORT_RUN = 64;

/**
 * Drops size-1 axes and merges input axes that stay adjacent and in order, so that a transpose of
 * [1, 2048, 256] by [0, 2, 1] becomes a plain 2-D one.
 */
export function simplifyTranspose(shape: number[], perm: number[]): { shape: number[]; perm: number[] } {
  const kept = perm.filter((axis) => (shape[axis] ?? 1) !== 1);
  const groups: number[][] = [];
  for (const axis of kept) {
    const last = groups.at(-1);
    if (last && last.at(-1) === axis - 1) last.push(axis);
    else groups.push([axis]);
  }
  // Rank the groups by where their first axis sits in the input.
  const byInputOrder = [...groups].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  return {
    shape: byInputOrder.map((group) => group.reduce((size, axis) => size * (shape[axis] ?? 1), 1)),
    perm: groups.map((group) => byInputOrder.indexOf(group)),
  };
}

function transposeInto(source: Numbers, target: Numbers, shape: number[], perm: number[]): void {
  const rank = shape.length;
  if (rank <= 1) {
    target.set(source);
    return;
  }
  const inStrides = [...tf.util.computeStrides(shape), 1];
  const outShape = perm.map((axis) => shape[axis] ?? 1);
  const outStrides = [...tf.util.computeStrides(outShape), 1];
  // Strides in the input of each output axis.
  const readStrides = perm.map((axis) => inStrides[axis] ?? 1);
  const rows = outShape[rank - 2] ?? 1;
  const cols = outShape[rank - 1] ?? 1;
  const rowStride = readStrides[rank - 2] ?? 1;
  const colStride = readStrides[rank - 1] ?? 1;
  const outer = outShape.slice(0, rank - 2);
  const index = new Array<number>(outer.length).fill(0);
  const planes = tf.util.sizeFromShape(outer);
  for (let plane = 0; plane < planes; plane++) {
    let read = 0;
    let write = 0;
    for (let i = 0; i < outer.length; i++) {
      read += (index[i] ?? 0) * (readStrides[i] ?? 1);
      write += (index[i] ?? 0) * (outStrides[i] ?? 1);
    }
    if (colStride === 1 && cols >= SHORT_RUN) {
      // The innermost axis did not move: each output row is a contiguous input run.
      for (let r = 0; r < rows; r++)
        target.set(source.subarray(read + r * rowStride, read + r * rowStride + cols), write + r * cols);
    } else if (colStride === 1) {
      for (let r = 0; r < rows; r++) {
        const from = read + r * rowStride;
        const to = write + r * cols;
        for (let c = 0; c < cols; c++) target[to + c] = source[from + c] as number;
      }
    } else {
      for (let r0 = 0; r0 < rows; r0 += BLOCK) {
        const r1 = Math.min(rows, r0 + BLOCK);
        for (let c0 = 0; c0 < cols; c0 += BLOCK) {
          const c1 = Math.min(cols, c0 + BLOCK);
          for (let r = r0; r < r1; r++) {
            const from = read + r * rowStride;
            const to = write + r * cols;
            for (let c = c0; c < c1; c++) target[to + c] = source[from + c * colStride] as number;
          }
        }
      }
    }
    for (let i = outer.length - 1; i >= 0; i--) {
      index[i] = (index[i] ?? 0) + 1;
      if ((index[i] ?? 0) < (outer[i] ?? 1)) break;
      index[i] = 0;
    }
  }
}

export function makeTranspose(original: tf.KernelFunc): tf.KernelConfig {
  const kernelFunc = (args: Args): tf.TensorInfo => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === "string" || x.dtype === "complex64") return original(args) as tf.TensorInfo;
    const { perm } = args.attrs as unknown as { perm: number[] };
    const backend = args.backend as Backend;
    const out = backend.makeOutput(
      perm.map((axis) => x.shape[axis] ?? 1),
      x.dtype,
    );
    if (tf.util.sizeFromShape(x.shape) === 0) return out;
    const simple = simplifyTranspose(x.shape, perm);
    // Views are taken after makeOutput, which may grow (and so replace) the heap.
    transposeInto(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(out), simple.shape, simple.perm);
    return out;
  };
  return { kernelName: tf.Transpose, backendName: "wasm", kernelFunc };
}

/** Writes x tiled by reps at `to`, axis by axis: innermost rows first, then whole blocks copied within the output. */
function tileInto(
  source: Numbers,
  target: Numbers,
  shape: number[],
  reps: number[],
  axis: number,
  from: number,
  to: number,
): number {
  const size = shape[axis] ?? 1;
  const times = reps[axis] ?? 1;
  if (axis === shape.length - 1) {
    if (size === 1) target.fill(source[from] as number, to, to + times);
    else for (let r = 0; r < times; r++) target.set(source.subarray(from, from + size), to + r * size);
    return size * times;
  }
  const inner = tf.util.sizeFromShape(shape.slice(axis + 1));
  let block = 0;
  for (let i = 0; i < size; i++) block += tileInto(source, target, shape, reps, axis + 1, from + i * inner, to + block);
  for (let r = 1; r < times; r++) target.copyWithin(to + r * block, to, to + block);
  return block * times;
}

export function makeTile(original: tf.KernelFunc): tf.KernelConfig {
  const kernelFunc = (args: Args): tf.TensorInfo => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === "string" || x.dtype === "complex64" || x.shape.length === 0) return original(args) as tf.TensorInfo;
    const { reps } = args.attrs as unknown as { reps: number[] };
    const backend = args.backend as Backend;
    const out = backend.makeOutput(
      x.shape.map((d, i) => d * (reps[i] ?? 1)),
      x.dtype,
    );
    if (tf.util.sizeFromShape(out.shape) === 0) return out;
    tileInto(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(out), x.shape, reps, 0, 0, 0);
    return out;
  };
  return { kernelName: tf.Tile, backendName: "wasm", kernelFunc };
}
