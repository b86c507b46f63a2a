// The compiled seccomp filter bubblewrap loads: libseccomp (Debian's) turns the policy into BPF
// through a small C exporter built with the system compiler on first use. The result is kept per
// version of the policy, the exporter and libseccomp, outside node_modules, so a run pays nothing.
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dataDir } from "@/lib/env";
import { ensureDebianPackages } from "@/lib/system/debian-packages";
import { isRunningAsRoot, OUTSIDE_STATE_ROOT } from "@/lib/system/reachable-folder";
import { isSupportedArchitecture, renderSeccompPolicy } from "./seccomp-policy";

const EXPORTER_SOURCE = path.join(__dirname, "export-filter.c");
/** The compiler, the C library's headers and libseccomp's, which the exporter is built from. */
const TOOLCHAIN_PACKAGES = ["gcc", "libc6-dev", "libseccomp-dev"] as const;

/** Program files, not data: with the other copies when root, else in the data folder. */
function cacheFolder(): string {
  return isRunningAsRoot() ? path.join(OUTSIDE_STATE_ROOT, "seccomp") : path.join(dataDir, "seccomp");
}

function libseccompVersion(): string {
  const result = spawnSync("dpkg-query", ["-W", "-f=${Version}", "libseccomp-dev"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`could not read libseccomp-dev's version: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

function versionKey(policy: string): string {
  return crypto
    .createHash("sha256")
    .update(fs.readFileSync(EXPORTER_SOURCE))
    .update("\0")
    .update(policy)
    .update("\0")
    .update(`${libseccompVersion()}\0${os.arch()}`)
    .digest("hex")
    .slice(0, 16);
}

/** Builds the exporter in a scratch folder and runs it on `policy`; `--pfc` gives the readable form. */
export function exportSeccompPolicy(policy: string, format: "bpf" | "pfc"): Buffer {
  ensureDebianPackages(TOOLCHAIN_PACKAGES, "the sandbox's system-call filter");
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gradient-seccomp-"));
  try {
    const exporter = path.join(scratch, "export-filter");
    execFileSync("gcc", ["-O2", "-Wall", "-Werror", "-o", exporter, EXPORTER_SOURCE, "-lseccomp"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    const result = spawnSync(exporter, format === "pfc" ? ["--pfc"] : [], { input: policy, maxBuffer: 16 * 2 ** 20 });
    if (result.status !== 0) throw new Error(`the seccomp exporter failed: ${result.stderr.toString("utf8").trim()}`);
    return result.stdout;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

let knownFilter: string | null = null;

/**
 * The path of the compiled filter for this machine, building it when this version has none yet.
 * Throws with the reason (an unsupported architecture, packages that could not be installed).
 */
export function seccompFilterFile(): string {
  if (knownFilter && fs.existsSync(knownFilter)) return knownFilter;
  if (!isSupportedArchitecture()) throw new Error(`the system-call filter has not been tried on ${os.arch()}`);
  const policy = renderSeccompPolicy();
  ensureDebianPackages(TOOLCHAIN_PACKAGES, "the sandbox's system-call filter");
  const folder = cacheFolder();
  const file = path.join(folder, `filter-${versionKey(policy)}.bpf`);
  if (!fs.existsSync(file)) {
    const program = exportSeccompPolicy(policy, "bpf");
    // A classic-BPF instruction is 8 bytes; anything else is not a program bwrap can load.
    if (program.length === 0 || program.length % 8 !== 0)
      throw new Error(`the seccomp exporter wrote ${program.length} bytes, not a BPF program`);
    fs.mkdirSync(folder, { recursive: true, mode: 0o755 });
    // Written under a temporary name and renamed, so a half-written filter is never loaded.
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, program, { mode: 0o644 });
    // Earlier versions stay: a few kilobytes each, and a worker of another version on this
    // machine may still be loading its own.
    fs.renameSync(temporary, file);
  }
  knownFilter = file;
  return file;
}
