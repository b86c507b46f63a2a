// The native engine as the sandbox starts it (bundled by grader/pipeline/native-kernel-bundle.ts):
// the addon file is the one the grader verified and bound read-only at the same path, and the only
// one the sandbox lets load. Called after the wasm backend is up, whose kernels become the fall-backs.
import { loadNativeKernels } from "./native-kernels";
import { registerNativeKernels } from "./register-native-kernels";

/** Returns the addon's own account of its library, for the run's log. */
export function startNativeEngine(addonFile: string, threads: number): string {
  const addon = loadNativeKernels(addonFile);
  registerNativeKernels(addon, threads);
  return addon.library();
}
