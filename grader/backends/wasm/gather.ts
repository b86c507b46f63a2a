// The wasm backend's GatherV2 checks each index with a closure and then gathers element by element
// with full stride arithmetic: 47 ms for an embedding lookup of 64x100 tokens of width 64. Gathered
// slices are contiguous runs, so this copies each one heap to heap (about 1 ms).
import * as tf from "@tensorflow/tfjs";
import type { Backend } from "./kernel-scope";

type Args = Parameters<tf.KernelFunc>[0];

export function makeGatherV2(original: tf.KernelFunc): tf.KernelConfig {
  const kernelFunc = (args: Args): tf.TensorInfo => {
    const { x, indices } = args.inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
    const { axis, batchDims } = args.attrs as unknown as { axis: number; batchDims: number };
    if (batchDims !== 0 || x.dtype === "string") return original(args) as tf.TensorInfo;
    const backend = args.backend as Backend;
    const gatherAxis = tf.util.parseAxisParam(axis, x.shape)[0] ?? 0;
    const axisSize = x.shape[gatherAxis] ?? 0;
    const outer = tf.util.sizeFromShape(x.shape.slice(0, gatherAxis));
    const inner = tf.util.sizeFromShape(x.shape.slice(gatherAxis + 1));
    const ids = backend.readSync(indices.dataId) as Int32Array | Float32Array;
    for (const id of ids) {
      if (!(id >= 0 && id < axisSize))
        throw new Error(`GatherV2: the index value ${id} is not in [0, ${axisSize - 1}]`);
    }
    const outShape = [...x.shape.slice(0, gatherAxis), ...indices.shape, ...x.shape.slice(gatherAxis + 1)];
    const out = backend.makeOutput(outShape, x.dtype);
    if (tf.util.sizeFromShape(outShape) === 0) return out;
    // Views are taken after makeOutput, which may grow (and so replace) the heap.
    const source = backend.typedArrayFromHeap(x);
    const target = backend.typedArrayFromHeap(out);
    let written = 0;
    for (let o = 0; o < outer; o++) {
      const base = o * axisSize * inner;
      for (const id of ids) {
        const start = base + id * inner;
        target.set(source.subarray(start, start + inner), written);
        written += inner;
      }
    }
    return out;
  };
  return { kernelName: tf.GatherV2, backendName: "wasm", kernelFunc };
}
