// Part of `npm install`: builds Gradient's native CPU engine (grader/backends/native/addon) with
// node-gyp against oneDNN, installing Debian's libdnnl-dev first where this process may. It never
// fails the install: without the library or a compiler the wasm engine stays the default, and the
// reason is recorded for `npm start` to print.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  ADDON_DIR,
  ADDON_FILE,
  type NativeBuildStatus,
  writeNativeBuildStatus,
} from "../grader/backends/native/native-engine-build";
import { loadNativeKernels } from "../grader/backends/native/native-kernels";
import { env } from "../lib/env";
import { ensureDebianPackages } from "../lib/system/debian-packages";

const DEBIAN_PACKAGES = ["libdnnl-dev", "g++", "make"];

/** npm hands its own node-gyp to lifecycle scripts; run by hand, npm's bundled copy is used. */
function nodeGypScript(): string {
  const fromNpm = env.npm_config_node_gyp;
  if (fromNpm && fs.existsSync(fromNpm)) return fromNpm;
  const npmDir = path.resolve(path.dirname(fs.realpathSync(process.execPath)), "../lib/node_modules/npm");
  return path.join(npmDir, "node_modules/node-gyp/bin/node-gyp.js");
}

function lastLines(text: string, count: number): string {
  return text.trim().split("\n").slice(-count).join(" | ");
}

function build(): NativeBuildStatus {
  try {
    ensureDebianPackages(DEBIAN_PACKAGES, "The native CPU engine");
  } catch (error) {
    return { isBuilt: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const gyp = nodeGypScript();
  if (!fs.existsSync(gyp)) return { isBuilt: false, reason: `node-gyp was not found (looked for ${gyp})` };
  // Node's headers come with Debian's nodejs under /usr/include/node; nodedir keeps node-gyp from
  // downloading them.
  const nodeDir = path.resolve(path.dirname(fs.realpathSync(process.execPath)), "..");
  const result = spawnSync(process.execPath, [gyp, "rebuild", `--nodedir=${nodeDir}`], {
    cwd: ADDON_DIR,
    encoding: "utf8",
  });
  if (result.status !== 0)
    return {
      isBuilt: false,
      reason: `node-gyp could not build it: ${lastLines(`${result.stdout}${result.stderr}`, 3)}`,
    };
  const sha256 = crypto.createHash("sha256").update(fs.readFileSync(ADDON_FILE)).digest("hex");
  try {
    return { isBuilt: true, sha256, library: loadNativeKernels(ADDON_FILE).library() };
  } catch (error) {
    return {
      isBuilt: false,
      reason: `it built but does not load: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

const status = build();
writeNativeBuildStatus(status);
console.log(
  status.isBuilt
    ? `Native CPU engine built on ${status.library}.`
    : `Native CPU engine not built, the wasm engine stays the default: ${status.reason}`,
);
