// Sum and Mean over the leading axes (bias and batch-norm gradients: [batch, h, w, channels]
// reduced to [channels]) make the wasm backend transpose the whole input so that the reduced axes
// come last, then loop. A row of ones times the input viewed as a [rows, columns] matrix is the
// same reduction as one XNNPACK GEMM, about 20x faster on a conv layer's bias gradient.
import * as tf from "@tensorflow/tfjs";
import { type Backend, withScope } from "./kernel-scope";

type Args = Parameters<tf.KernelFunc>[0];

/** How many leading axes `axis` reduces, or 0 when it is not a proper leading prefix. */
function leadingAxes(axis: number | number[], shape: number[]): number {
  const axes = [...tf.util.parseAxisParam(axis, shape)].sort((a, b) => a - b);
  const isPrefix = axes.every((a, i) => a === i);
  return isPrefix && axes.length < shape.length ? axes.length : 0;
}

function makeReduction(kernelName: string, original: tf.KernelFunc, isMean: boolean): tf.KernelConfig {
  const kernelFunc = (args: Args): tf.TensorInfo => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const reduced = x.dtype === "float32" ? leadingAxes(axis, x.shape) : 0;
    if (reduced === 0) return original(args) as tf.TensorInfo;
    const rows = tf.util.sizeFromShape(x.shape.slice(0, reduced));
    const columns = tf.util.sizeFromShape(x.shape.slice(reduced));
    const outShape = keepDims ? x.shape.map((d, i) => (i < reduced ? 1 : d)) : x.shape.slice(reduced);
    return withScope(args.backend as Backend, (scope) => {
      const weights = scope.constant(new Float32Array(rows).fill(isMean ? 1 / rows : 1), [1, rows]);
      // The backend caches XNNPACK's packed right-hand matrix by tensor id. Multiplying by the
      // gradient itself corrupted the heap (a crash on free) when the same tensor had also been the
      // right-hand side of the weight-gradient matmul with the same dimensions; a copy has an id of its own.
      const matrix = scope.output([rows, columns], "float32");
      scope.copyInto(matrix, x, 0);
      return scope.reshape(scope.matMul(weights, matrix), outShape);
    });
  };
  return { kernelName, backendName: "wasm", kernelFunc };
}

export function makeReductionKernels(original: (kernelName: string) => tf.KernelFunc): tf.KernelConfig[] {
  return [makeReduction(tf.Sum, original(tf.Sum), false), makeReduction(tf.Mean, original(tf.Mean), true)];
}
