// Whether this grader trains and scores on Gradient's native engine, and the one addon file the
// sandbox may load for it: the file npm install built, by the sha256 it recorded then. (The sandbox
// binds it from a copy the sandbox user can reach when the clone sits in a folder it cannot enter.)
import { graderConfig } from "@/grader/config";
import { ADDON_FILE, readNativeBuildStatus } from "@/grader/backends/native/native-engine-build";
import type { NativeAddon } from "@/grader/sandbox/native-addons";

export interface NativeEngineSetup {
  /** The addon; its hash is checked again before every run. */
  addon: NativeAddon;
  /** The library the build linked and the instruction set it runs, e.g. "oneDNN 2.6.3 (AVX-512, OpenMP)". */
  library: string;
  threads: number;
}

/**
 * The native engine, or null when npm install could not build it or an operator forced another
 * engine (GRADER_BACKEND).
 */
export function nativeEngineSetup(): NativeEngineSetup | null {
  const preferred = graderConfig.preferredBackend;
  if (preferred !== undefined && preferred !== "native") return null;
  const build = readNativeBuildStatus();
  if (!build.isBuilt) return null;
  return {
    addon: { path: ADDON_FILE, sha256: build.sha256 },
    library: build.library,
    threads: graderConfig.nativeThreads,
  };
}

/** What receipts add after the engines' names: the library, its version and the thread count. */
export function nativeEngineLabel(setup: NativeEngineSetup): string {
  return `${setup.library}, ${setup.threads} thread${setup.threads === 1 ? "" : "s"}`;
}
