// MaxPoolGrad on the wasm backend is a scalar loop (20x the cost of the forward pool) that gets
// overlapping windows wrong (3x3 stride 1), and its MaxPoolWithArgmax returns wrong indices for
// some windows, so neither can be built on. Here each window's gradient goes to the first position
// (row-major, as TF does) that equals the pooled maximum, found with elementwise kernels per window
// position. The mask is step(max - value) rather than Equal/Select: the backend's comparisons and
// Select are scalar loops 10-20x slower than its XNNPACK Sub/Mul.
import * as tf from "@tensorflow/tfjs";
import { taps } from "./conv";
import { type Backend, type KernelScope, withScope } from "./kernel-scope";

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: "valid" | "same" | number;
  dimRoundingMode?: "floor" | "round" | "ceil";
}

/** Splits the still unrouted gradient into [kept, routed to this window position]. */
function route(
  scope: KernelScope,
  remaining: tf.TensorInfo,
  values: tf.TensorInfo,
  pooled: tf.TensorInfo,
): [tf.TensorInfo, tf.TensorInfo] {
  const belowMax = scope.run("Step", { x: scope.run("Sub", { a: pooled, b: values }) }, { alpha: 0 });
  const kept = scope.run("Multiply", { a: remaining, b: belowMax });
  return [kept, scope.run("Sub", { a: remaining, b: kept })];
}

/**
 * Windows that overlap: one input view per window position; the gradient routed through each is
 * spread back (stride holes, then a shift) to input size and the views are summed.
 */
function overlappingMaxPoolGrad(
  scope: KernelScope,
  dy: tf.TensorInfo,
  input: tf.TensorInfo,
  output: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const {
    batchSize,
    inChannels: channels,
    outHeight,
    outWidth,
    strideHeight,
    strideWidth,
    filterWidth,
    padInfo,
  } = info;
  const inHeight = input.shape[1] ?? 0;
  const inWidth = input.shape[2] ?? 0;
  const padded = scope.padOrCrop(
    input,
    [0, padInfo.top, padInfo.left, 0],
    [0, padInfo.bottom, padInfo.right, 0],
    -Infinity,
  );
  let remaining = dy;
  const parts = taps(scope, padded, info).map((view, tap) => {
    const [kept, routed] = route(scope, remaining, view, output);
    remaining = kept;
    const holes = scope.run(
      "PadV2",
      { x: scope.reshape(routed, [batchSize, outHeight, 1, outWidth, 1, channels]) },
      {
        paddings: [
          [0, 0],
          [0, 0],
          [0, strideHeight - 1],
          [0, 0],
          [0, strideWidth - 1],
          [0, 0],
        ],
        constantValue: 0,
      },
    );
    const spread = scope.reshape(holes, [batchSize, outHeight * strideHeight, outWidth * strideWidth, channels]);
    const top = Math.floor(tap / filterWidth) - padInfo.top;
    const left = (tap % filterWidth) - padInfo.left;
    return scope.padOrCrop(
      spread,
      [0, top, left, 0],
      [0, inHeight - top - outHeight * strideHeight, inWidth - left - outWidth * strideWidth, 0],
    );
  });
  return scope.run("AddN", parts as unknown as tf.NamedTensorInfoMap);
}

export function makeMaxPoolGrad(): tf.KernelConfig {
  const kernelFunc = (args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo => {
    const { inputs, attrs, backend } = args;
    const { dy, input, output } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo; output: tf.TensorInfo };
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as PoolAttrs;
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const {
      batchSize,
      inChannels: channels,
      outHeight,
      outWidth,
      strideHeight,
      strideWidth,
      filterHeight,
      filterWidth,
      padInfo,
    } = info;
    return withScope(backend as Backend, (scope) => {
      if (filterHeight > strideHeight || filterWidth > strideWidth)
        return overlappingMaxPoolGrad(scope, dy, input, output, info);
      const fullHeight = outHeight * strideHeight;
      const fullWidth = outWidth * strideWidth;
      const inHeight = input.shape[1] ?? 0;
      const inWidth = input.shape[2] ?? 0;
      // -Infinity padding never equals a window's maximum.
      const padded = scope.padOrCrop(
        input,
        [0, padInfo.top, padInfo.left, 0],
        [0, fullHeight - inHeight - padInfo.top, fullWidth - inWidth - padInfo.left, 0],
        -Infinity,
      );
      const phases = strideHeight * strideWidth;
      const pixels = batchSize * outHeight * outWidth * channels;
      const planes = scope.reshape(scope.toPhasePlanes(padded, strideHeight, strideWidth), [phases, pixels]);
      const pooled = scope.reshape(output, [pixels]);
      const zeros = scope.run("Fill", {}, { shape: [pixels], value: 0, dtype: "float32" });
      let remaining = scope.reshape(dy, [pixels]);
      const grads: tf.TensorInfo[] = [];
      for (let ph = 0; ph < strideHeight; ph++) {
        for (let pw = 0; pw < strideWidth; pw++) {
          if (ph >= filterHeight || pw >= filterWidth) {
            grads.push(zeros);
            continue;
          }
          const plane = scope.reshape(scope.slice(planes, [ph * strideWidth + pw, 0], [1, pixels]), [pixels]);
          const [kept, routed] = route(scope, remaining, plane, pooled);
          grads.push(routed);
          remaining = kept;
        }
      }
      const stacked = scope.run("Concat", grads as unknown as tf.NamedTensorInfoMap, { axis: 0 });
      const full = scope.fromPhasePlanes(
        scope.reshape(stacked, [phases * batchSize, outHeight, outWidth, channels]),
        strideHeight,
        strideWidth,
      );
      return scope.padOrCrop(
        full,
        [0, -padInfo.top, -padInfo.left, 0],
        [0, inHeight + padInfo.top - fullHeight, inWidth + padInfo.left - fullWidth, 0],
      );
    });
  };
  return { kernelName: tf.MaxPoolGrad, backendName: "wasm", kernelFunc };
}
