// The backend's Slice (and SplitV and Unpack, which call it) copies the whole input out of the wasm
// heap before cutting, so unstacking a [64, 100, 64] LSTM input into 100 steps copies it 100 times.
// These versions copy only the selected rows.
import * as tf from "@tensorflow/tfjs";
import { type Backend, withScope } from "./kernel-scope";

type Args = Parameters<tf.KernelFunc>[0];

export function makeSliceKernels(original: (kernelName: string) => tf.KernelFunc): tf.KernelConfig[] {
  // Captured now: once these configs are registered, the registry returns them instead.
  const [sliceStrings, splitStrings, unpackStrings] = [original(tf.Slice), original(tf.SplitV), original(tf.Unpack)];
  const slice = (args: Args): tf.TensorInfo => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    // String tensors live outside the heap; the backend's own kernel handles them.
    if (x.dtype === "string") return sliceStrings(args) as tf.TensorInfo;
    const { begin, size } = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
    const [start = [], extent = []] = tf.slice_util.parseSliceParams(x, begin, size);
    return withScope(args.backend as Backend, (scope) => scope.slice(x, start, extent));
  };

  const splitV = (args: Args): tf.TensorInfo[] => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === "string") return splitStrings(args) as tf.TensorInfo[];
    const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
    const splitAxis = tf.util.parseAxisParam(axis, x.shape)[0] ?? 0;
    const sizes = tf.backend_util.prepareSplitSize(x, numOrSizeSplits, splitAxis);
    return withScope(args.backend as Backend, (scope) => {
      let offset = 0;
      return sizes.map((part) => {
        const begin = x.shape.map((_, i) => (i === splitAxis ? offset : 0));
        offset += part;
        return scope.slice(
          x,
          begin,
          x.shape.map((d, i) => (i === splitAxis ? part : d)),
        );
      });
    });
  };

  const unpack = (args: Args): tf.TensorInfo[] => {
    const { value } = args.inputs as { value: tf.TensorInfo };
    if (value.dtype === "string") return unpackStrings(args) as tf.TensorInfo[];
    const rank = value.shape.length;
    const { axis } = args.attrs as unknown as { axis: number };
    const unpackAxis = axis < 0 ? axis + rank : axis;
    const outShape = value.shape.filter((_, i) => i !== unpackAxis);
    return withScope(args.backend as Backend, (scope) =>
      Array.from({ length: value.shape[unpackAxis] ?? 0 }, (_, index) => {
        const part = scope.slice(
          value,
          value.shape.map((_, i) => (i === unpackAxis ? index : 0)),
          value.shape.map((d, i) => (i === unpackAxis ? 1 : d)),
        );
        return scope.reshape(part, outShape);
      }),
    );
  };

  return [
    { kernelName: tf.Slice, backendName: "wasm", kernelFunc: slice },
    { kernelName: tf.SplitV, backendName: "wasm", kernelFunc: splitV },
    { kernelName: tf.Unpack, backendName: "wasm", kernelFunc: unpack },
  ];
}
