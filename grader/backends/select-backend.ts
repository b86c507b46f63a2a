// Picks the fastest TensorFlow.js engine this machine has. tfjs-node(-gpu) are optional installs
// (they download libtensorflow), so they are imported dynamically and skipped when absent.
import { createRequire } from "node:module";
import os from "node:os";
import * as tfjs from "@tensorflow/tfjs";
import { getThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { ADDON_FILE, readNativeBuildStatus } from "./native/native-engine-build";
import { loadNativeKernels } from "./native/native-kernels";
import { registerNativeKernels } from "./native/register-native-kernels";
import { registerWasmTrainingKernels } from "./wasm/register-training-kernels";
import { initWasmBackend } from "./wasm/threads";

export type BackendPreference = "tensorflow-gpu" | "tensorflow" | "native" | "wasm" | "cpu";

export interface SelectedBackend {
  name: string;
  tf: typeof import("@tensorflow/tfjs");
  /** Same seed and data give the same weights; multi-threaded native reductions do not promise that. */
  isDeterministic: boolean;
  /** Compute threads the engine uses (for wasm: XNNPACK's pool, fixed when the backend first starts). */
  threads: number;
  detail: string;
}

const ORDER: BackendPreference[] = ["tensorflow-gpu", "tensorflow", "native", "wasm", "cpu"];

export const NATIVE_PACKAGES = {
  "tensorflow-gpu": "@tensorflow/tfjs-node-gpu",
  tensorflow: "@tensorflow/tfjs-node",
} as const;
export type NativeBackend = keyof typeof NATIVE_PACKAGES;

/**
 * The native engine installed next to the grader, if any, found without loading it (loading
 * libtensorflow takes seconds and gigabytes; the sandbox loads it when it trains).
 */
export function installedNativeBackend(): NativeBackend | null {
  const require = createRequire(import.meta.url);
  for (const name of ["tensorflow-gpu", "tensorflow"] as const) {
    try {
      require.resolve(`${NATIVE_PACKAGES[name]}/package.json`);
      return name;
    } catch {
      // Not installed: the usual case on machines without libtensorflow.
    }
  }
  return null;
}

async function tryNode(packageName: string, backendName: string, gpu: boolean): Promise<SelectedBackend | undefined> {
  let tf: typeof import("@tensorflow/tfjs");
  try {
    // A non-literal specifier keeps TypeScript and bundlers from requiring the optional package;
    // tfjs-node re-exports the whole tfjs API, hence the type.
    tf = (await import(/* webpackIgnore: true */ packageName)) as typeof import("@tensorflow/tfjs");
  } catch {
    return undefined;
  }
  if (!(await tf.setBackend(backendName))) return undefined;
  await tf.ready();
  return {
    name: gpu ? "tensorflow-gpu" : "tensorflow",
    tf,
    isDeterministic: false,
    threads: os.availableParallelism(),
    detail: `${packageName} (libtensorflow ${gpu ? "with CUDA" : "CPU"})`,
  };
}

export interface SelectOptions {
  /**
   * XNNPACK threads for the wasm engine (takes effect only on the backend's first start). Default
   * 1: on a 2-core machine also running other work, a second thread changed training throughput
   * by 0.4-1.1x for the CNN, 0.1-0.9x for the Transformer and 0.2-0.7x for the LSTM (scripts/bench.ts,
   * four runs): every small kernel waits for a pool thread that must first win a core. Worth
   * raising only where cores sit idle and the model is convolution-heavy.
   */
  wasmThreads?: number;
  /** oneDNN's OpenMP threads for the native engine. Default 1, for the same reason as wasmThreads. */
  nativeThreads?: number;
}

async function tryWasm(threads: number): Promise<SelectedBackend | undefined> {
  if (!(await initWasmBackend(threads))) return undefined;
  await tfjs.ready();
  registerWasmTrainingKernels();
  const actualThreads = getThreadsCount();
  const simd = await tfjs.env().getAsync("WASM_HAS_SIMD_SUPPORT");
  return {
    name: "wasm",
    tf: tfjs,
    // XNNPACK splits work by output tiles, each summed by one thread in a fixed order, so results
    // do not depend on thread timing (training.test.ts and threads.test.ts check this).
    isDeterministic: true,
    threads: actualThreads,
    detail:
      `@tensorflow/tfjs-backend-wasm (XNNPACK, SIMD ${simd ? "on" : "off"}, ` +
      `${actualThreads} thread${actualThreads === 1 ? "" : "s"}) ` +
      `with Gradient's training kernels`,
  };
}

/**
 * Gradient's native engine (grader/backends/native): the wasm backend's tensors and small kernels,
 * with convolutions, matrix products and pooling in the oneDNN addon npm install built.
 */
async function tryNative(threads: number): Promise<SelectedBackend | undefined> {
  if (!readNativeBuildStatus().isBuilt) return undefined;
  if (!(await initWasmBackend(1))) return undefined;
  await tfjs.ready();
  registerWasmTrainingKernels();
  const addon = loadNativeKernels(ADDON_FILE);
  registerNativeKernels(addon, threads);
  const actualThreads = addon.threads();
  return {
    name: "native",
    tf: tfjs,
    // oneDNN splits work by fixed blocks per thread count and sums them in a fixed order, so one
    // thread count gives the same bits every run (native-kernels.test.ts checks one and two).
    isDeterministic: true,
    threads: actualThreads,
    detail:
      `Gradient's native engine: ${addon.library()}, ${actualThreads} thread${actualThreads === 1 ? "" : "s"}, ` +
      "over @tensorflow/tfjs-backend-wasm",
  };
}

async function tryCpu(): Promise<SelectedBackend | undefined> {
  if (!(await tfjs.setBackend("cpu"))) return undefined;
  await tfjs.ready();
  return {
    name: "cpu",
    tf: tfjs,
    isDeterministic: true,
    threads: 1,
    detail: "@tensorflow/tfjs pure-JavaScript cpu backend",
  };
}

const ATTEMPTS: Record<BackendPreference, (options: SelectOptions) => Promise<SelectedBackend | undefined>> = {
  "tensorflow-gpu": () => tryNode(NATIVE_PACKAGES["tensorflow-gpu"], "tensorflow", true),
  tensorflow: () => tryNode(NATIVE_PACKAGES.tensorflow, "tensorflow", false),
  native: (options) => tryNative(options.nativeThreads ?? 1),
  wasm: (options) => tryWasm(options.wasmThreads ?? 1),
  cpu: tryCpu,
};

/** The preferred engine when it is available, otherwise the fastest one installed. */
export async function selectBackend(
  preferred?: BackendPreference,
  options: SelectOptions = {},
): Promise<SelectedBackend> {
  const order = preferred ? [preferred, ...ORDER.filter((name) => name !== preferred)] : ORDER;
  for (const name of order) {
    const selected = await ATTEMPTS[name](options);
    if (selected) return selected;
  }
  throw new Error("No TensorFlow.js backend could be initialised");
}
