// Gradients are registered per op for every backend. tfjs's Tile gradient adds one slice per
// repetition, which for the broadcasts inside layerNormalization means thousands of kernel calls
// per step (3 s of a 4 s Transformer step on wasm); summing a reshaped gradient is one reduction.
import * as tf from "@tensorflow/tfjs";

const tileGrad: tf.GradConfig = {
  kernelName: tf.Tile,
  inputsToSave: ["x"],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    const { reps } = attrs as unknown as { reps: number[] };
    if (!x || Array.isArray(dy)) throw new Error("Tile gradient expects one input and one output gradient");
    return {
      x: () => {
        const split = x.shape.flatMap((d, i) => [reps[i] ?? 1, d]);
        const repAxes = x.shape.map((_, i) => 2 * i);
        return tf.sum(tf.reshape(dy, split), repAxes);
      },
    };
  },
};

export const gradientOverrides: tf.GradConfig[] = [tileGrad];
