// The wasm backend lacks some gradient kernels (convolutions, pooling) and is slow at others; the
// platform's replacements live in TypeScript under grader/backends/wasm and reach the sandbox as
// one bundled module (sandbox-bundle.ts).
import path from "node:path";
import { sandboxBundle } from "./sandbox-bundle";

/** The bundled kernels' source, which registers them when its registerWasmTrainingKernels() is called. */
export const wasmKernelBundle = sandboxBundle(
  path.resolve(import.meta.dirname, "../backends/wasm/register-training-kernels.ts"),
  "the wasm training kernels",
);
