// Convolution gradients for the wasm backend. The backend ships no Conv2DBackpropFilter, and its
// Conv2DBackpropInput is a scalar loop (about 8x slower than its forward convolution); both are
// rebuilt here on the backend's XNNPACK convolution and matmul.
import * as tf from "@tensorflow/tfjs";
import { type Backend, type KernelScope, withScope } from "./kernel-scope";

type Shape4 = [number, number, number, number];

interface ConvGeometry {
  strides: number | [number, number];
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: "floor" | "round" | "ceil";
  dataFormat?: "NHWC" | "NCHW";
}

function convInfo(
  xShape: Shape4,
  filterShape: Shape4,
  attrs: ConvGeometry,
  depthwise = false,
): tf.backend_util.Conv2DInfo {
  if (attrs.dataFormat === "NCHW") throw new Error("wasm convolutions support dataFormat NHWC only");
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    depthwise,
    "channelsLast",
  );
}

// Below this many patch values per output pixel, a convolution with a one-hot filter (which
// XNNPACK runs fast, whatever the stride, dilation or padding) gathers patches more cheaply than
// one slice per filter tap; its cost grows with the square of this number.
const ONE_HOT_PATCH_LIMIT = 32;

/**
 * Patches of the input, transposed for the filter gradient: [filterH*filterW*inChannels, outputPixels],
 * rows ordered like a flattened [filterH, filterW, inChannels] filter.
 */
export function im2colTransposed(
  scope: KernelScope,
  x: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const { batchSize, inChannels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, padInfo } =
    info;
  const { dilationHeight, dilationWidth } = info;
  const pixels = batchSize * outHeight * outWidth;
  const patch = filterHeight * filterWidth * inChannels;
  const padded = scope.padOrCrop(x, [0, padInfo.top, padInfo.left, 0], [0, padInfo.bottom, padInfo.right, 0]);
  if (patch <= ONE_HOT_PATCH_LIMIT) {
    const eye = new Float32Array(patch * patch);
    for (let i = 0; i < patch; i++) eye[i * patch + i] = 1;
    const filter = scope.constant(eye, [filterHeight, filterWidth, inChannels, patch]);
    const patches = scope.run(
      "Conv2D",
      { x: padded, filter },
      {
        strides: [strideHeight, strideWidth],
        pad: "valid",
        dataFormat: "NHWC",
        dilations: [dilationHeight, dilationWidth],
      },
    );
    return scope.transpose(scope.reshape(patches, [pixels, patch]), [1, 0]);
  }
  const stacked = scope.run(
    "Concat",
    taps(scope, padded, info).map((tap) =>
      scope.reshape(tap, [1, pixels, inChannels]),
    ) as unknown as tf.NamedTensorInfoMap,
    { axis: 0 },
  );
  return scope.reshape(scope.transpose(stacked, [0, 2, 1]), [patch, pixels]);
}

/**
 * The input under each filter tap, [batch, outH, outW, channels] each, in row-major tap order, cut
 * from an input that is already padded. Strided taps come from per-phase planes
 * ([strideH, strideW, batch, rows, cols, channels]) so that every tap is contiguous rows, which
 * are copied row by row (the backend's StridedSlice is an element-wise JS loop).
 */
export function taps(scope: KernelScope, padded: tf.TensorInfo, info: tf.backend_util.Conv2DInfo): tf.TensorInfo[] {
  const {
    batchSize,
    inChannels,
    outHeight,
    outWidth,
    filterHeight,
    filterWidth,
    strideHeight,
    strideWidth,
    dilationHeight,
    dilationWidth,
  } = info;
  const rowsNeeded = Math.ceil(
    ((filterHeight - 1) * dilationHeight + (outHeight - 1) * strideHeight + 1) / strideHeight,
  );
  const colsNeeded = Math.ceil(((filterWidth - 1) * dilationWidth + (outWidth - 1) * strideWidth + 1) / strideWidth);
  let planes = padded;
  if (strideHeight > 1 || strideWidth > 1) {
    const fitted = scope.padOrCrop(
      padded,
      [0, 0, 0, 0],
      [0, rowsNeeded * strideHeight - (padded.shape[1] ?? 0), colsNeeded * strideWidth - (padded.shape[2] ?? 0), 0],
    );
    planes = scope.toPhasePlanes(fitted, strideHeight, strideWidth);
  }
  const views: tf.TensorInfo[] = [];
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      const top = kh * dilationHeight;
      const left = kw * dilationWidth;
      const phase = (top % strideHeight) * strideWidth + (left % strideWidth);
      views.push(
        scope.slice(
          planes,
          [phase * batchSize, Math.floor(top / strideHeight), Math.floor(left / strideWidth), 0],
          [batchSize, outHeight, outWidth, inChannels],
        ),
      );
    }
  }
  return views;
}

function conv2DBackpropFilter({ inputs, attrs, backend }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { filterShape, ...geometry } = attrs as unknown as ConvGeometry & { filterShape: Shape4 };
  const info = convInfo(x.shape as Shape4, filterShape, geometry);
  return withScope(backend as Backend, (scope) => {
    const colsT = im2colTransposed(scope, x, info);
    const grad = scope.matMul(colsT, scope.reshape(dy, [colsT.shape[1] ?? 0, info.outChannels]));
    return scope.reshape(grad, filterShape);
  });
}

/**
 * The input gradient is a stride-1 correlation of the output gradient, spread out by the forward
 * stride and padded by (filter-1)*dilation-pad, with the flipped filter.
 */
function spreadAndPad(scope: KernelScope, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo): tf.TensorInfo {
  const { batchSize, outHeight, outWidth, outChannels, strideHeight, strideWidth, padInfo } = info;
  let spread = dy;
  if (strideHeight > 1 || strideWidth > 1) {
    const holes = scope.run(
      "PadV2",
      { x: scope.reshape(dy, [batchSize, outHeight, 1, outWidth, 1, outChannels]) },
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
    spread = scope.reshape(holes, [batchSize, outHeight * strideHeight, outWidth * strideWidth, outChannels]);
  }
  const padTop = info.effectiveFilterHeight - 1 - padInfo.top;
  const padLeft = info.effectiveFilterWidth - 1 - padInfo.left;
  const padBottom = info.inHeight + info.effectiveFilterHeight - 1 - padTop - (spread.shape[1] ?? 0);
  const padRight = info.inWidth + info.effectiveFilterWidth - 1 - padLeft - (spread.shape[2] ?? 0);
  return scope.padOrCrop(spread, [0, padTop, padLeft, 0], [0, padBottom, padRight, 0]);
}

function stride1Attrs(info: tf.backend_util.Conv2DInfo): tf.NamedAttrMap {
  return { strides: [1, 1], pad: "valid", dataFormat: "NHWC", dilations: [info.dilationHeight, info.dilationWidth] };
}

function conv2DBackpropInput({ inputs, attrs, backend }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { inputShape, ...geometry } = attrs as unknown as ConvGeometry & { inputShape: Shape4 };
  const info = convInfo(inputShape, filter.shape as Shape4, geometry);
  return withScope(backend as Backend, (scope) => {
    const flipped = scope.transpose(scope.run("Reverse", { x: filter }, { dims: [0, 1] }), [0, 1, 3, 2]);
    return scope.run("Conv2D", { x: spreadAndPad(scope, dy, info), filter: flipped }, stride1Attrs(info));
  });
}

interface DepthwiseGeometry extends ConvGeometry {
  dilations: number | [number, number];
}

function depthwiseInfo(xShape: Shape4, filterShape: Shape4, attrs: DepthwiseGeometry): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
    "channelsLast",
  );
}

/**
 * Each channel's filter gradient is its own small GEMM (taps x pixels x multiplier); the wasm
 * backend runs batched GEMMs on its generic loop, which is slower than XNNPACK but exact.
 */
function depthwiseBackpropFilter({ inputs, attrs, backend }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { filterShape, ...geometry } = attrs as unknown as DepthwiseGeometry & { filterShape: Shape4 };
  const info = depthwiseInfo(x.shape as Shape4, filterShape, geometry);
  const [filterHeight, filterWidth, channels, multiplier] = filterShape;
  return withScope(backend as Backend, (scope) => {
    const colsT = im2colTransposed(scope, x, info);
    const pixels = colsT.shape[1] ?? 0;
    const taps = filterHeight * filterWidth;
    const perChannelCols = scope.transpose(scope.reshape(colsT, [taps, channels, pixels]), [1, 0, 2]);
    const perChannelDy = scope.transpose(scope.reshape(dy, [pixels, channels, multiplier]), [1, 0, 2]);
    const grad = scope.matMul(perChannelCols, perChannelDy);
    return scope.reshape(scope.transpose(grad, [1, 0, 2]), filterShape);
  });
}

/** Each of the channels*multiplier output channels flows back to its input channel, summed over the multiplier. */
function depthwiseBackpropInput({ inputs, attrs, backend }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { inputShape, ...geometry } = attrs as unknown as DepthwiseGeometry & { inputShape: Shape4 };
  const [filterHeight, filterWidth, channels, multiplier] = filter.shape as Shape4;
  const info = depthwiseInfo(inputShape, filter.shape as Shape4, geometry);
  return withScope(backend as Backend, (scope) => {
    const perOutput = scope.reshape(filter, [filterHeight, filterWidth, channels * multiplier, 1]);
    const flipped = scope.run("Reverse", { x: perOutput }, { dims: [0, 1] });
    const spread = scope.run(
      "DepthwiseConv2dNative",
      { x: spreadAndPad(scope, dy, info), filter: flipped },
      stride1Attrs(info),
    );
    if (multiplier === 1) return spread;
    const [batch, height, width] = inputShape;
    const split = scope.reshape(spread, [batch, height, width, channels, multiplier]);
    return scope.run("Sum", { x: split }, { axis: [4], keepDims: false });
  });
}

export const convKernels: tf.KernelConfig[] = [
  { kernelName: tf.Conv2DBackpropFilter, backendName: "wasm", kernelFunc: conv2DBackpropFilter },
  { kernelName: tf.Conv2DBackpropInput, backendName: "wasm", kernelFunc: conv2DBackpropInput },
  { kernelName: tf.DepthwiseConv2dNativeBackpropFilter, backendName: "wasm", kernelFunc: depthwiseBackpropFilter },
  { kernelName: tf.DepthwiseConv2dNativeBackpropInput, backendName: "wasm", kernelFunc: depthwiseBackpropInput },
];
