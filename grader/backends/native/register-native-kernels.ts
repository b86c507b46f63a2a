// The native engine: the wasm backend keeps its tensors and its elementwise kernels, and the kernels
// that dominate training (convolutions and their gradients, matrix products, pooling) run in
// Gradient's oneDNN addon instead, reading and writing the wasm heap in place. Shapes the addon does
// not take (NCHW, other activations, batch shapes it cannot broadcast) go to the kernels that were
// registered before, so registering this after the wasm training kernels keeps every op covered.
import * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { BINARY_KINDS, type NativeKernels, UNARY_KINDS } from "./native-kernels";

type KernelArgs = Parameters<tf.KernelFunc>[0];

interface ConvAttrs {
  strides: number | [number, number];
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dataFormat?: "NHWC" | "NCHW";
  dilations?: number | [number, number];
  dimRoundingMode?: "floor" | "round" | "ceil";
}

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: "floor" | "round" | "ceil";
}

/** The geometry in the order the addon's CONV_* enum reads it. */
function geometry(info: tf.backend_util.Conv2DInfo): Int32Array {
  return Int32Array.from([
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.outChannels,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.top,
    info.padInfo.left,
    info.padInfo.bottom,
    info.padInfo.right,
  ]);
}

function convInfo(xShape: number[], filterShape: number[], attrs: ConvAttrs): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    "channelsLast",
  );
}

function poolInfo(xShape: number[], attrs: PoolAttrs): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computePool2DInfo(
    xShape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
}

const isFloat = (...tensors: tf.TensorInfo[]) => tensors.every((t) => t.dtype === "float32");
/** A zero-sized tensor has nothing to compute, and oneDNN refuses zero dimensions. */
const hasNoElements = (shape: number[]) => shape.some((dim) => dim === 0);

/**
 * Whether a side of a broadcast is the whole output, or a block the output repeats whole (a
 * scalar, or equal to the output's trailing axes once its own leading 1s are dropped), which is
 * what the addon's binary kernel walks.
 */
function repeatsAlong(shape: number[], outShape: number[]): boolean {
  const size = tf.util.sizeFromShape(shape);
  if (size === tf.util.sizeFromShape(outShape) || size === 1) return true;
  const firstReal = shape.findIndex((dim) => dim !== 1);
  const core = shape.slice(firstReal);
  return tf.util.arraysEqual(core, outShape.slice(outShape.length - core.length));
}

/** Kernels bound to one loaded addon; `previous(name)` is the kernel each one falls back to. */
function nativeKernelConfigs(addon: NativeKernels, previous: (name: string) => tf.KernelFunc): tf.KernelConfig[] {
  const heap = (backend: BackendWasm, t: tf.TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;

  const conv2d = (args: KernelArgs, fused: boolean): tf.TensorInfo | tf.TensorInfo[] => {
    const backend = args.backend as BackendWasm;
    const { x, filter, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
    const attrs = args.attrs as unknown as ConvAttrs & { activation?: string };
    const activation = attrs.activation ?? "linear";
    const name = fused ? tf.FusedConv2D : tf.Conv2D;
    if (
      !x ||
      !filter ||
      attrs.dataFormat === "NCHW" ||
      preluActivationWeights ||
      (activation !== "linear" && activation !== "relu") ||
      !isFloat(x, filter) ||
      (bias && (bias.dtype !== "float32" || tf.util.sizeFromShape(bias.shape) !== filter.shape[3]))
    )
      return previous(name)(args);
    const info = convInfo(x.shape, filter.shape, attrs);
    const out = backend.makeOutput(info.outShape, "float32");
    if (hasNoElements(info.outShape) || hasNoElements(x.shape)) return out;
    addon.conv2d(
      heap(backend, x),
      heap(backend, filter),
      bias ? heap(backend, bias) : null,
      heap(backend, out),
      activation === "relu",
      geometry(info),
    );
    return out;
  };

  const conv2dBackpropInput = (args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] => {
    const backend = args.backend as BackendWasm;
    const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const attrs = args.attrs as unknown as ConvAttrs & { inputShape: number[] };
    if (attrs.dataFormat === "NCHW" || !isFloat(dy, filter)) return previous(tf.Conv2DBackpropInput)(args);
    const info = convInfo(attrs.inputShape, filter.shape, attrs);
    const out = backend.makeOutput(attrs.inputShape, "float32");
    if (hasNoElements(attrs.inputShape) || hasNoElements(dy.shape)) {
      heap(backend, out).fill(0);
      return out;
    }
    addon.conv2dBackpropInput(heap(backend, dy), heap(backend, filter), heap(backend, out), geometry(info));
    return out;
  };

  const conv2dBackpropFilter = (args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] => {
    const backend = args.backend as BackendWasm;
    const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const attrs = args.attrs as unknown as ConvAttrs & { filterShape: number[] };
    if (attrs.dataFormat === "NCHW" || !isFloat(x, dy)) return previous(tf.Conv2DBackpropFilter)(args);
    const info = convInfo(x.shape, attrs.filterShape, attrs);
    const out = backend.makeOutput(attrs.filterShape, "float32");
    if (hasNoElements(x.shape) || hasNoElements(dy.shape)) {
      heap(backend, out).fill(0);
      return out;
    }
    addon.conv2dBackpropFilter(heap(backend, x), heap(backend, dy), heap(backend, out), geometry(info));
    return out;
  };

  const matMul = (args: KernelArgs, fused: boolean): tf.TensorInfo | tf.TensorInfo[] => {
    const backend = args.backend as BackendWasm;
    const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
    const attrs = args.attrs as unknown as { transposeA: boolean; transposeB: boolean; activation?: string };
    const activation = attrs.activation ?? "linear";
    const name = fused ? tf._FusedMatMul : tf.BatchMatMul;
    if (!a || !b || !isFloat(a, b) || preluActivationWeights || (activation !== "linear" && activation !== "relu"))
      return previous(name)(args);
    const [m, k] = (attrs.transposeA ? a.shape.slice(-2).reverse() : a.shape.slice(-2)) as [number, number];
    const n = (attrs.transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1]) ?? 0;
    const aBatchShape = a.shape.slice(0, -2);
    const bBatchShape = b.shape.slice(0, -2);
    const aBatch = tf.util.sizeFromShape(aBatchShape);
    const bBatch = tf.util.sizeFromShape(bBatchShape);
    // oneDNN broadcasts a whole side of batch 1; partial broadcasts ([2,1] with [1,3]) go back.
    const isSimpleBatch =
      aBatch === 1 || bBatch === 1 || tf.util.arraysEqual(aBatchShape, bBatchShape) || aBatch === bBatch;
    const biasFits = !bias || (bias.dtype === "float32" && tf.util.sizeFromShape(bias.shape) === n);
    if (!isSimpleBatch || !biasFits) return previous(name)(args);
    const outShape = [...tf.backend_util.assertAndGetBroadcastShape(aBatchShape, bBatchShape), m, n];
    const out = backend.makeOutput(outShape, "float32");
    if (hasNoElements(outShape)) return out;
    if (k === 0) {
      heap(backend, out).fill(0);
      return out;
    }
    addon.matMul(
      heap(backend, a),
      heap(backend, b),
      bias ? heap(backend, bias) : null,
      heap(backend, out),
      activation === "relu",
      Int32Array.from([aBatch, bBatch, m, k, n, attrs.transposeA ? 1 : 0, attrs.transposeB ? 1 : 0]),
    );
    return out;
  };

  const pool = (args: KernelArgs, isMax: boolean): tf.TensorInfo | tf.TensorInfo[] => {
    const backend = args.backend as BackendWasm;
    const { x } = args.inputs as { x: tf.TensorInfo };
    const info = poolInfo(x.shape, args.attrs as unknown as PoolAttrs);
    if (!isFloat(x)) return previous(isMax ? tf.MaxPool : tf.AvgPool)(args);
    const out = backend.makeOutput(info.outShape, "float32");
    if (hasNoElements(info.outShape) || hasNoElements(x.shape)) return out;
    addon.pool(heap(backend, x), heap(backend, out), isMax, geometry(info));
    return out;
  };

  const poolGrad = (args: KernelArgs, isMax: boolean): tf.TensorInfo | tf.TensorInfo[] => {
    const backend = args.backend as BackendWasm;
    const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
    if (!isFloat(dy, input)) return previous(isMax ? tf.MaxPoolGrad : tf.AvgPoolGrad)(args);
    const info = poolInfo(input.shape, args.attrs as unknown as PoolAttrs);
    const out = backend.makeOutput(input.shape, "float32");
    if (hasNoElements(input.shape) || hasNoElements(dy.shape)) {
      heap(backend, out).fill(0);
      return out;
    }
    addon.poolGrad(heap(backend, dy), isMax ? heap(backend, input) : null, heap(backend, out), isMax, geometry(info));
    return out;
  };

  const unary = (kind: number) => (args: KernelArgs) => {
    const backend = args.backend as BackendWasm;
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (!isFloat(x)) return previous(UNARY_KINDS[kind] ?? "")(args);
    const out = backend.makeOutput(x.shape, "float32");
    if (!hasNoElements(x.shape)) addon.unary(kind, heap(backend, x), heap(backend, out));
    return out;
  };

  const binary = (kind: number) => (args: KernelArgs) => {
    const backend = args.backend as BackendWasm;
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const name = BINARY_KINDS[kind] ?? "";
    const inputType = name === "LogicalAnd" ? "bool" : "float32";
    if (a.dtype !== inputType || b.dtype !== inputType) return previous(name)(args);
    const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    if (!repeatsAlong(a.shape, outShape) || !repeatsAlong(b.shape, outShape)) return previous(name)(args);
    const isComparison = kind >= BINARY_KINDS.indexOf("Greater");
    const out = backend.makeOutput(outShape, isComparison ? "bool" : "float32");
    if (hasNoElements(outShape)) return out;
    const view = (t: tf.TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array | Uint8Array;
    addon.binary(kind, view(a), view(b), view(out));
    return out;
  };

  const select = (args: KernelArgs) => {
    const backend = args.backend as BackendWasm;
    const { condition, t, e } = args.inputs as Record<"condition" | "t" | "e", tf.TensorInfo>;
    if (
      condition.dtype !== "bool" ||
      !isFloat(t, e) ||
      !tf.util.arraysEqual(condition.shape, t.shape) ||
      !tf.util.arraysEqual(t.shape, e.shape)
    )
      return previous(tf.Select)(args);
    const out = backend.makeOutput(t.shape, "float32");
    if (!hasNoElements(t.shape))
      addon.select(
        backend.typedArrayFromHeap(condition) as Uint8Array,
        heap(backend, t),
        heap(backend, e),
        heap(backend, out),
      );
    return out;
  };

  const clip = (args: KernelArgs) => {
    const backend = args.backend as BackendWasm;
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { clipValueMin, clipValueMax } = args.attrs as { clipValueMin: number; clipValueMax: number };
    if (!isFloat(x)) return previous(tf.ClipByValue)(args);
    const out = backend.makeOutput(x.shape, "float32");
    if (!hasNoElements(x.shape)) addon.clip(heap(backend, x), clipValueMin, clipValueMax, heap(backend, out));
    return out;
  };

  // The wasm backend's Identity copies its input; sharing the buffer, as the cpu backend does, is
  // what every caller expects (no kernel writes into its inputs), and an LSTM step runs dozens.
  const identity = (args: KernelArgs) => {
    const backend = args.backend as BackendWasm;
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === "string") return previous(tf.Identity)(args);
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };

  const kernels: [string, tf.KernelFunc][] = [
    [tf.Identity, identity],
    [tf.Conv2D, (args) => conv2d(args, false)],
    [tf.FusedConv2D, (args) => conv2d(args, true)],
    [tf.Conv2DBackpropInput, conv2dBackpropInput],
    [tf.Conv2DBackpropFilter, conv2dBackpropFilter],
    [tf.BatchMatMul, (args) => matMul(args, false)],
    [tf._FusedMatMul, (args) => matMul(args, true)],
    [tf.MaxPool, (args) => pool(args, true)],
    [tf.AvgPool, (args) => pool(args, false)],
    [tf.MaxPoolGrad, (args) => poolGrad(args, true)],
    [tf.AvgPoolGrad, (args) => poolGrad(args, false)],
    ...UNARY_KINDS.map((name, kind): [string, tf.KernelFunc] => [name, unary(kind)]),
    ...BINARY_KINDS.map((name, kind): [string, tf.KernelFunc] => [name, binary(kind)]),
    [tf.Select, select],
    [tf.ClipByValue, clip],
  ];
  return kernels.map(([kernelName, kernelFunc]) => ({ kernelName, backendName: "wasm", kernelFunc }));
}

let registeredWith: NativeKernels | undefined;

/**
 * Puts the addon's kernels in front of the wasm backend's (call after registerWasmTrainingKernels,
 * whose kernels become the fall-backs) and sets the addon's thread count. Once per process.
 */
export function registerNativeKernels(addon: NativeKernels, threads: number): void {
  if (registeredWith) {
    if (registeredWith !== addon) throw new Error("a different native addon is already registered");
    return;
  }
  addon.setThreads(threads);
  const previousKernels = new Map<string, tf.KernelConfig>();
  const previous = (name: string): tf.KernelFunc => {
    const config = previousKernels.get(name);
    if (!config) throw new Error(`The wasm backend has no '${name}' kernel to fall back to`);
    return config.kernelFunc;
  };
  for (const config of nativeKernelConfigs(addon, previous)) {
    const existing = tf.getKernel(config.kernelName, "wasm");
    if (existing) {
      previousKernels.set(config.kernelName, existing);
      tf.unregisterKernel(config.kernelName, "wasm");
    }
    // The wasm backend binds its own functions in setupFunc, which the fall-backs still need.
    tf.registerKernel({ ...config, setupFunc: existing?.setupFunc, disposeFunc: existing?.disposeFunc });
  }
  registeredWith = addon;
}
