// Training kernels for the wasm backend are compositions of the backend's own kernels (XNNPACK
// convolutions and matmuls, its transposes and slices), so every intermediate lives on the wasm
// heap and must be released by hand: kernels run below the engine, which only tracks what a
// kernel returns.
import * as tf from "@tensorflow/tfjs";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";

export type Backend = BackendWasm;

export class KernelScope {
  private readonly temps: tf.TensorInfo[] = [];

  constructor(readonly backend: Backend) {}

  /** Runs the backend's registered kernel `name`; the result is released by `dispose` unless kept. */
  run(name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
    const out = this.kernel(name)({ inputs, attrs, backend: this.backend });
    if (Array.isArray(out)) throw new Error(`${name} returned several outputs; use runMulti`);
    this.temps.push(out);
    return out;
  }

  runMulti(name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo[] {
    const out = this.kernel(name)({ inputs, attrs, backend: this.backend });
    const outs = Array.isArray(out) ? out : [out];
    this.temps.push(...outs);
    return outs;
  }

  /** Takes ownership of the output of a kernel function called directly. */
  trackResult(out: tf.TensorInfo | tf.TensorInfo[]): tf.TensorInfo {
    if (Array.isArray(out)) throw new Error("expected a single output");
    this.temps.push(out);
    return out;
  }

  constant(values: Float32Array | Int32Array, shape: number[]): tf.TensorInfo {
    const dtype = values instanceof Float32Array ? "float32" : "int32";
    const out = { dataId: this.backend.write(values, shape, dtype), shape, dtype } as const;
    this.temps.push(out);
    return out;
  }

  /** A new, uninitialised tensor on the heap. */
  output(shape: number[], dtype: tf.DataType): tf.TensorInfo {
    const out = this.backend.makeOutput(shape, dtype);
    this.temps.push(out);
    return out;
  }

  /** Copies all of `source` into `target` from element `offset` on. */
  copyInto(target: tf.TensorInfo, source: tf.TensorInfo, offset: number): void {
    this.backend.typedArrayFromHeap(target).set(this.backend.typedArrayFromHeap(source), offset);
  }

  /** Frees intermediates early, inside loops that would otherwise hold them all at once. */
  release(...tensors: tf.TensorInfo[]): void {
    for (const t of tensors) {
      const index = this.temps.lastIndexOf(t);
      if (index >= 0) this.temps.splice(index, 1);
      this.backend.disposeData(t.dataId);
    }
  }

  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.run("Reshape", { x }, { shape });
  }

  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    return this.run("Transpose", { x }, { perm });
  }

  matMul(a: tf.TensorInfo, b: tf.TensorInfo, transposeA = false, transposeB = false): tf.TensorInfo {
    return this.run("BatchMatMul", { a, b }, { transposeA, transposeB });
  }

  /**
   * The backend's Slice first copies the whole input out of the heap (readSync), so cutting nine
   * taps from a tensor costs nine full copies; this copies only the selected rows, heap to heap.
   */
  slice(x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
    const out = this.backend.makeOutput(size, x.dtype);
    this.temps.push(out);
    const total = tf.util.sizeFromShape(size);
    if (total === 0) return out;
    const rank = x.shape.length;
    const strides = [...tf.util.computeStrides(x.shape), 1];
    // The copied run covers the innermost partial axis and every full axis inside it.
    let axis = rank - 1;
    while (axis > 0 && size[axis] === x.shape[axis] && (begin[axis] ?? 0) === 0) axis--;
    const run = (size[axis] ?? 1) * (strides[axis] ?? 1);
    const source = this.backend.typedArrayFromHeap(x);
    const target = this.backend.typedArrayFromHeap(out);
    const index = new Array<number>(axis).fill(0);
    for (let written = 0; written < total; written += run) {
      let offset = (begin[axis] ?? 0) * (strides[axis] ?? 1);
      for (let i = 0; i < axis; i++) offset += ((begin[i] ?? 0) + (index[i] ?? 0)) * (strides[i] ?? 1);
      target.set(source.subarray(offset, offset + run), written);
      for (let i = axis - 1; i >= 0; i--) {
        index[i] = (index[i] ?? 0) + 1;
        if ((index[i] ?? 0) < (size[i] ?? 1)) break;
        index[i] = 0;
      }
    }
    return out;
  }

  /** Pads (positive) or crops (negative) each axis at both ends. */
  padOrCrop(x: tf.TensorInfo, before: number[], after: number[], constantValue = 0): tf.TensorInfo {
    let out = x;
    if (before.some((p) => p < 0) || after.some((p) => p < 0)) {
      const begin = before.map((p) => Math.max(0, -p));
      const size = x.shape.map((d, i) => d - (begin[i] ?? 0) - Math.max(0, -(after[i] ?? 0)));
      out = this.slice(out, begin, size);
    }
    if (before.some((p) => p > 0) || after.some((p) => p > 0)) {
      const paddings = before.map((p, i) => [Math.max(0, p), Math.max(0, after[i] ?? 0)]);
      out = this.run("PadV2", { x: out }, { paddings, constantValue });
    }
    return out;
  }

  /**
   * [batch, rows*strideH, cols*strideW, channels] -> [strideH*strideW*batch, rows, cols, channels]:
   * one plane per (row phase, column phase), by two transposes of rank <= 4 (after merging axes).
   */
  toPhasePlanes(x: tf.TensorInfo, strideHeight: number, strideWidth: number): tf.TensorInfo {
    const [batch = 0, height = 0, width = 0, channels = 0] = x.shape;
    const rows = height / strideHeight;
    const cols = width / strideWidth;
    const byRowPhase = this.transpose(this.reshape(x, [batch * rows, strideHeight, width * channels]), [1, 0, 2]);
    const byPhase = this.transpose(
      this.reshape(byRowPhase, [strideHeight, batch * rows * cols, strideWidth, channels]),
      [0, 2, 1, 3],
    );
    return this.reshape(byPhase, [strideHeight * strideWidth * batch, rows, cols, channels]);
  }

  /** Inverse of toPhasePlanes. */
  fromPhasePlanes(planes: tf.TensorInfo, strideHeight: number, strideWidth: number): tf.TensorInfo {
    const [stacked = 0, rows = 0, cols = 0, channels = 0] = planes.shape;
    const batch = stacked / (strideHeight * strideWidth);
    const byRowPhase = this.transpose(
      this.reshape(planes, [strideHeight, strideWidth, batch * rows * cols, channels]),
      [0, 2, 1, 3],
    );
    const rowMajor = this.transpose(
      this.reshape(byRowPhase, [strideHeight, batch * rows, cols * strideWidth * channels]),
      [1, 0, 2],
    );
    return this.reshape(rowMajor, [batch, rows * strideHeight, cols * strideWidth, channels]);
  }

  /** Hands `results` to the caller (the engine) and releases every other intermediate. */
  finish<T extends tf.TensorInfo | tf.TensorInfo[]>(results: T): T {
    // An input passed straight through still needs its own reference for the engine to own.
    const own = (result: tf.TensorInfo) => (this.temps.includes(result) ? result : this.run("Identity", { x: result }));
    const owned = Array.isArray(results) ? results.map(own) : own(results);
    for (const result of Array.isArray(owned) ? owned : [owned]) this.temps.splice(this.temps.lastIndexOf(result), 1);
    this.dispose();
    return owned as T;
  }

  dispose(): void {
    for (const t of this.temps.splice(0)) this.backend.disposeData(t.dataId);
  }

  private kernel(name: string): tf.KernelFunc {
    const config = tf.getKernel(name, "wasm");
    if (!config) throw new Error(`Kernel '${name}' is not registered for the wasm backend`);
    return config.kernelFunc;
  }
}

/** Runs `body` with a scope whose intermediates are freed even when the body throws. */
export function withScope<T extends tf.TensorInfo | tf.TensorInfo[]>(
  backend: Backend,
  body: (scope: KernelScope) => T,
): T {
  const scope = new KernelScope(backend);
  try {
    return scope.finish(body(scope));
  } finally {
    scope.dispose();
  }
}
