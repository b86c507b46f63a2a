// The one line `npm start` and the worker print about the engine labs train on, and, where the
// native engine is missing, why: a slower grader should never be a mystery to its operator.
import { installedNativeBackend, NATIVE_PACKAGES } from "@/grader/backends/select-backend";
import { readNativeBuildStatus } from "@/grader/backends/native/native-engine-build";
import { graderConfig } from "@/grader/config";

export function trainingEngineSummary(): string {
  const preferred = graderConfig.preferredBackend;
  if (preferred && preferred !== "native") return `${preferred}, as GRADER_BACKEND asks`;
  const libtensorflow = preferred ? null : installedNativeBackend();
  if (libtensorflow) return `${libtensorflow} (${NATIVE_PACKAGES[libtensorflow]})`;
  const build = readNativeBuildStatus();
  if (!build.isBuilt) return `wasm, because the native engine is not built: ${build.reason}`;
  const threads = graderConfig.nativeThreads;
  return `native (${build.library}, ${threads} thread${threads === 1 ? "" : "s"})`;
}
