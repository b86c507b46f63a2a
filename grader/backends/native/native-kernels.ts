// The functions Gradient's native addon (addon/kernels.cc) exports, and how to load it. Every
// Float32Array is a view the caller owns; the Int32Array is the geometry in the addon's order.
import { createRequire } from "node:module";

export interface NativeKernels {
  conv2d(
    x: Float32Array,
    filter: Float32Array,
    bias: Float32Array | null,
    out: Float32Array,
    relu: boolean,
    geometry: Int32Array,
  ): void;
  conv2dBackpropInput(dy: Float32Array, filter: Float32Array, dx: Float32Array, geometry: Int32Array): void;
  conv2dBackpropFilter(x: Float32Array, dy: Float32Array, dw: Float32Array, geometry: Int32Array): void;
  matMul(
    a: Float32Array,
    b: Float32Array,
    bias: Float32Array | null,
    out: Float32Array,
    relu: boolean,
    shape: Int32Array,
  ): void;
  pool(x: Float32Array, out: Float32Array, isMax: boolean, geometry: Int32Array): void;
  poolGrad(dy: Float32Array, x: Float32Array | null, dx: Float32Array, isMax: boolean, geometry: Int32Array): void;
  /** kind: UNARY_KINDS index. */
  unary(kind: number, x: Float32Array, out: Float32Array): void;
  /** kind: BINARY_KINDS index; one side may repeat along the other's trailing axes. */
  binary(
    kind: number,
    a: Float32Array | Uint8Array,
    b: Float32Array | Uint8Array,
    out: Float32Array | Uint8Array,
  ): void;
  select(condition: Uint8Array, onTrue: Float32Array, onFalse: Float32Array, out: Float32Array): void;
  clip(x: Float32Array, low: number, high: number, out: Float32Array): void;
  setThreads(threads: number): void;
  threads(): number;
  /** The library, its version and the instruction set it runs on, e.g. "oneDNN 2.6.3 (AVX-512, OpenMP)". */
  library(): string;
}

/** The addon's Unary enum, in order. */
export const UNARY_KINDS = ["Tanh", "Sigmoid", "Relu", "Exp"] as const;
/** The addon's Binary enum, in order, by TensorFlow.js kernel name. */
export const BINARY_KINDS = [
  "Add",
  "Sub",
  "Multiply",
  "RealDiv",
  "Maximum",
  "Minimum",
  "Greater",
  "GreaterEqual",
  "Less",
  "LessEqual",
  "Equal",
  "LogicalAnd",
] as const;

const FUNCTIONS = [
  "conv2d",
  "conv2dBackpropInput",
  "conv2dBackpropFilter",
  "matMul",
  "pool",
  "poolGrad",
  "unary",
  "binary",
  "select",
  "clip",
  "setThreads",
  "threads",
  "library",
] as const satisfies readonly (keyof NativeKernels)[];

/** Loads the addon at `file` and checks it exports every function, so a stale build fails here. */
export function loadNativeKernels(file: string): NativeKernels {
  // OpenMP's threads otherwise spin between kernels, taking a core from the JavaScript thread that
  // runs the small kernels in between (measured: 2 threads trained the CNN 10% slower spinning).
  // libgomp reads this once, when loading the addon first loads it.
  // eslint-disable-next-line no-restricted-properties -- sets libgomp's setting, reads none of Gradient's, and runs in the sandbox too, where lib/env.ts is not loaded
  process.env.OMP_WAIT_POLICY ??= "passive";
  const loaded = createRequire(import.meta.url)(file) as Record<string, unknown>;
  const missing = FUNCTIONS.filter((name) => typeof loaded[name] !== "function");
  if (missing.length > 0) throw new Error(`${file} lacks ${missing.join(", ")}; rebuild it with npm install`);
  return loaded as unknown as NativeKernels;
}
