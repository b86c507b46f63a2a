// The scorer's TensorFlow.js. Scoring is inference only, which every kernel of the plain wasm
// backend covers, and single-threaded wasm gives the same bits on every run.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { registerPlatformLayers } from "@/grader/harness/platform-layers.mjs";

export interface ScoringBackend {
  tf: typeof tf;
  name: string;
  isDeterministic: boolean;
}

let ready: Promise<ScoringBackend> | null = null;

export function scoringBackend(): Promise<ScoringBackend> {
  ready ??= (async () => {
    const name = (await tf.setBackend("wasm")) ? "wasm" : "cpu";
    if (name === "cpu") await tf.setBackend("cpu");
    await tf.ready();
    // The scorer registers the platform's layer classes and nothing else: a saved model naming
    // any other class cannot be deserialised, so no learner code can run here.
    registerPlatformLayers(tf);
    return { tf, name, isDeterministic: true };
  })();
  return ready;
}
