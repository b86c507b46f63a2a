// The native engine's kernel registration, bundled for the sandbox like the wasm training kernels
// (sandbox-bundle.ts); the addon it loads is bound separately, by path and sha256.
import path from "node:path";
import { sandboxBundle } from "./sandbox-bundle";

/** The bundled module, whose startNativeEngine(addonFile, threads) registers the native kernels. */
export const nativeKernelBundle = sandboxBundle(
  path.resolve(import.meta.dirname, "../backends/native/start-native-engine.ts"),
  "the native engine's kernels",
);
