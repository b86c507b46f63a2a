// Single entry point that makes the wasm backend able to train the course's models quickly.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { convKernels } from "./conv";
import { makeGatherV2 } from "./gather";
import { gradientOverrides } from "./gradients";
import { makeBatchMatMul } from "./matmul";
import { makeTile, makeTranspose } from "./layout";
import { makeMaxPoolGrad } from "./pool";
import { makeReductionKernels } from "./reduce";
import { segmentKernels } from "./segment";
import { makeSliceKernels } from "./slicing";

let registered = false;

function original(kernelName: string): tf.KernelFunc {
  const config = tf.getKernel(kernelName, "wasm");
  if (!config) throw new Error(`The wasm backend has no '${kernelName}' kernel to build on`);
  return config.kernelFunc;
}

function replace(config: tf.KernelConfig): void {
  const existing = tf.getKernel(config.kernelName, config.backendName);
  if (existing) tf.unregisterKernel(config.kernelName, config.backendName);
  // The backend binds each kernel's wasm function in that kernel's setupFunc, which the engine runs
  // when the backend starts. The replacements fall back to the original kernels for some inputs,
  // so when they are registered before the backend starts (as the sandbox harness does), the
  // original setup must still run.
  tf.registerKernel({ ...config, setupFunc: existing?.setupFunc, disposeFunc: existing?.disposeFunc });
}

/**
 * Registers (once per process) the training kernels this directory provides for the 'wasm'
 * backend. Works before or after the backend first starts.
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  const built = [
    makeBatchMatMul(original(tf.BatchMatMul)),
    makeGatherV2(original(tf.GatherV2)),
    makeTranspose(original(tf.Transpose)),
    makeTile(original(tf.Tile)),
    makeMaxPoolGrad(),
    ...makeSliceKernels(original),
    ...makeReductionKernels(original),
    ...convKernels,
    ...segmentKernels,
  ];
  for (const config of built) replace(config);
  for (const grad of gradientOverrides) tf.registerGradient(grad);
  registered = true;
}
