// The wasm backend's BatchMatMul reaches XNNPACK's fast GEMM only for a single untransposed
// matrix pair; transposed or batched operands fall to a scalar loop 10-15x slower. Matmul
// gradients always transpose one side, so the fast path is restored by transposing explicitly
// (a memory pass), by folding a shared right-hand matrix into one large GEMM, and by running
// batched pairs one GEMM at a time.
import * as tf from "@tensorflow/tfjs";
import { type Backend, withScope } from "./kernel-scope";

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

/** Below this many multiply-adds per pair, a GEMM call costs more than the backend's batched loop. */
const PER_PAIR_MIN_WORK = 4096;

const swapLastTwo = (rank: number): number[] => [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];

export function makeBatchMatMul(original: tf.KernelFunc): tf.KernelConfig {
  const kernelFunc = ({ inputs, attrs, backend }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo => {
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as MatMulAttrs;
    return withScope(backend as Backend, (scope) => {
      const a1 = transposeA ? scope.transpose(a, swapLastTwo(a.shape.length)) : a;
      const b1 = transposeB ? scope.transpose(b, swapLastTwo(b.shape.length)) : b;
      const [m, k] = a1.shape.slice(-2) as [number, number];
      const n = b1.shape[b1.shape.length - 1] ?? 0;
      const aBatch = tf.util.sizeFromShape(a1.shape.slice(0, -2));
      const bBatch = tf.util.sizeFromShape(b1.shape.slice(0, -2));
      const outShape = [
        ...tf.backend_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2)),
        m,
        n,
      ];
      if (bBatch === 1) {
        const a2 = scope.reshape(a1, [1, aBatch * m, k]);
        const b2 = scope.reshape(b1, [1, k, n]);
        const product = scope.trackResult(
          original({ inputs: { a: a2, b: b2 }, attrs: { transposeA: false, transposeB: false }, backend }),
        );
        return scope.reshape(product, outShape);
      }
      if (aBatch !== bBatch || m * k * n < PER_PAIR_MIN_WORK) {
        const product = scope.trackResult(
          original({ inputs: { a: a1, b: b1 }, attrs: { transposeA: false, transposeB: false }, backend }),
        );
        return scope.reshape(product, outShape);
      }
      // One fast GEMM per matrix pair (attention: batch x heads of them) beats the batched loop.
      const a2 = scope.reshape(a1, [aBatch, m, k]);
      const b2 = scope.reshape(b1, [bBatch, k, n]);
      const out = scope.output(outShape, "float32");
      for (let i = 0; i < aBatch; i++) {
        const pair = { a: scope.slice(a2, [i, 0, 0], [1, m, k]), b: scope.slice(b2, [i, 0, 0], [1, k, n]) };
        const product = scope.trackResult(
          original({ inputs: pair, attrs: { transposeA: false, transposeB: false }, backend }),
        );
        scope.copyInto(out, product, i * m * n);
        scope.release(pair.a, pair.b, product);
      }
      return out;
    });
  };
  return { kernelName: tf.BatchMatMul, backendName: "wasm", kernelFunc };
}
