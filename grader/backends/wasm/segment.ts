// UnsortedSegmentSum is the gradient of Gather (embeddings) and is missing on the wasm backend.
// ScatterNd sums updates that share an index, which is exactly a segment sum.
import * as tf from "@tensorflow/tfjs";
import { type Backend, withScope } from "./kernel-scope";

function unsortedSegmentSum({ inputs, attrs, backend }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const { numSegments } = attrs as unknown as { numSegments: number };
  const wasm = backend as Backend;
  return withScope(wasm, (scope) => {
    const count = tf.util.sizeFromShape(segmentIds.shape);
    const rest = x.shape.slice(segmentIds.shape.length);
    let ids = segmentIds.dtype === "int32" ? segmentIds : scope.run("Cast", { x: segmentIds }, { dtype: "int32" });
    // TF drops ids outside [0, numSegments); ScatterNd does not check bounds, so such ids are sent
    // to one spare row that is cut off afterwards. Gather gradients never take this path.
    const values = wasm.readSync(ids.dataId) as Int32Array;
    const outOfRange = values.some((id) => id < 0 || id >= numSegments);
    if (outOfRange) {
      ids = scope.constant(
        values.map((id) => (id < 0 || id >= numSegments ? numSegments : id)),
        ids.shape,
      );
    }
    const rows = numSegments + (outOfRange ? 1 : 0);
    const summed = scope.run(
      "ScatterNd",
      { indices: scope.reshape(ids, [count, 1]), updates: scope.reshape(x, [count, ...rest]) },
      {
        shape: [rows, ...rest],
      },
    );
    return outOfRange
      ? scope.slice(
          summed,
          summed.shape.map(() => 0),
          [numSegments, ...rest],
        )
      : summed;
  });
}

export const segmentKernels: tf.KernelConfig[] = [
  { kernelName: tf.UnsortedSegmentSum, backendName: "wasm", kernelFunc: unsortedSegmentSum },
];
