// Starts TensorFlow.js on the engine the grader chose and checks that it computes. Everything this
// touches is the platform's (tfjs, the wasm binary and the training kernels, bound read-only) or the
// grader's (the config), and it runs before learner_start, so a failure here is the platform's:
// the grader knows it without taking this process's word, since the learner's module is not loaded yet.
import { pathToFileURL } from "node:url";
import type * as tfjs from "@tensorflow/tfjs";
import type { HarnessConfig } from "./harness-config";

export type Tf = typeof tfjs;

// tfjs-node(-gpu) re-export the whole tfjs API and register their engine as "tensorflow".
const NATIVE_PACKAGES: Partial<Record<HarnessConfig["backend"], string>> = {
  "tensorflow-gpu": "@tensorflow/tfjs-node-gpu",
  tensorflow: "@tensorflow/tfjs-node",
};

interface WasmTrainingKernels {
  registerWasmTrainingKernels(): void;
}

interface NativeEngineModule {
  startNativeEngine(addonFile: string, threads: number): string;
}

/**
 * Runs a forward op and a gradient, so a backend that loads but computes wrongly fails here rather
 * than inside the learner's train(), where the learner would be charged for it.
 */
function checkBackend(tf: Tf, backend: string): void {
  const [product, gradient] = tf.tidy(() => [
    tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([1, 0, 0, 1], [2, 2])).dataSync(),
    tf
      .grad((x: tfjs.Tensor) => x.square().sum())(tf.tensor1d([1, 2, 3]))
      .dataSync(),
  ]);
  const expected = [1, 2, 3, 4, 2, 4, 6];
  const got = [...(product ?? []), ...(gradient ?? [])];
  if (got.length !== expected.length || got.some((value, i) => Math.abs(value - (expected[i] ?? NaN)) > 1e-5))
    throw new Error(`the ${backend} backend computed [${got.join(", ")}] instead of [${expected.join(", ")}]`);
}

export interface BackendFiles {
  /** The bundled wasm training kernels (wasm and native engines). */
  wasmTrainingKernels?: string;
  /** The native engine's bundled kernels and addon, and its thread count. */
  nativeEngine?: { kernels: string; addon: string; threads: number };
}

export async function startBackend(backend: HarnessConfig["backend"], files: BackendFiles = {}): Promise<Tf> {
  const nativePackage = NATIVE_PACKAGES[backend];
  const tf = (nativePackage ? await import(nativePackage) : await import("@tensorflow/tfjs")) as Tf;
  const isWasmBased = backend === "wasm" || backend === "native";
  if (isWasmBased) await import("@tensorflow/tfjs-backend-wasm");
  const engine = nativePackage ? "tensorflow" : isWasmBased ? "wasm" : backend;
  if (!(await tf.setBackend(engine))) throw new Error(`backend ${backend} failed to initialise`);
  await tf.ready();
  // Only after the backend is up: the kernels wrap the backend's own, whose set-up (binding the
  // wasm functions) runs when the backend initialises and is skipped for a replaced kernel.
  if (isWasmBased && files.wasmTrainingKernels) {
    const kernels = (await import(pathToFileURL(files.wasmTrainingKernels).href)) as WasmTrainingKernels;
    kernels.registerWasmTrainingKernels();
  }
  if (backend === "native") {
    if (!files.nativeEngine) throw new Error("the native engine was chosen without its kernels and addon");
    const native = (await import(pathToFileURL(files.nativeEngine.kernels).href)) as NativeEngineModule;
    native.startNativeEngine(files.nativeEngine.addon, files.nativeEngine.threads);
  }
  checkBackend(tf, backend);
  return tf;
}
