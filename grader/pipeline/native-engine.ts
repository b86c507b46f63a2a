// Whether this grader trains and scores on Gradient's native engine, and the one addon file the
// sandbox may load for it: the file npm install built, by the sha256 it recorded then, from a copy
// the sandbox user can reach when the clone sits in a folder it cannot enter.
import path from "node:path";
import { graderConfig } from "@/grader/config";
import { ADDON_FILE, readNativeBuildStatus } from "@/grader/backends/native/native-engine-build";
import type { NativeAddon } from "@/grader/sandbox/native-addons";
import { SANDBOX_USER } from "@/grader/sandbox/reachable-binds";
import { firstBlockingFolder } from "@/lib/system/reachable-folder";
import { reachableCopy } from "@/lib/system/stage-copy";

export interface NativeEngineSetup {
  /** The addon, as the sandbox is given it; its hash is checked again before every run. */
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
  // The folder is copied, not the file, so the copy keeps the name ending in .node that marks a
  // file node may load (native-addons.ts).
  const file =
    firstBlockingFolder(ADDON_FILE, SANDBOX_USER) === null
      ? ADDON_FILE
      : path.join(reachableCopy(path.dirname(ADDON_FILE)), path.basename(ADDON_FILE));
  return { addon: { path: file, sha256: build.sha256 }, library: build.library, threads: graderConfig.nativeThreads };
}

/** What receipts add after the engines' names: the library, its version and the thread count. */
export function nativeEngineLabel(setup: NativeEngineSetup): string {
  return `${setup.library}, ${setup.threads} thread${setup.threads === 1 ? "" : "s"}`;
}
