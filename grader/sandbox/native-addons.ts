// The native addons sandboxed code may load: a list the operator reviewed, each file by absolute
// path and sha256. The host checks every file against its hash before a run that lists it starts,
// so a library changed after review never reaches learner code; inside, the dlopen guard
// (dlopen-guard.ts) lets node load only the listed `.node` files.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { graderConfig } from "../config";

export interface NativeAddon {
  /**
   * Absolute host path of a `.node` addon, or of a shared library one links (bound so the dynamic
   * linker finds it, never dlopen'ed from JavaScript); bound read-only at the same path inside.
   */
  path: string;
  /** sha256 of the file's bytes, lowercase hex. */
  sha256: string;
}

const NativeAddonListSchema = z.array(
  z.strictObject({
    /** Absolute host path of the reviewed file. */
    path: z.string().refine((value) => path.isAbsolute(value), "must be an absolute path"),
    /** sha256 of its bytes, as `sha256sum` prints it. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits (sha256sum's output)"),
  }),
);

/** The extension node's loader hands to process.dlopen; any other listed file is a library. */
const ADDON_EXTENSION = ".node";

/** Whether JavaScript may dlopen this listed file, rather than only the dynamic linker load it. */
export function isLoadableAddon(addon: NativeAddon): boolean {
  return path.extname(addon.path) === ADDON_EXTENSION;
}

/** The operator's reviewed list (GRADER_NATIVE_ADDONS), or none when it is not set. */
export function reviewedNativeAddons(): NativeAddon[] {
  const file = graderConfig.nativeAddonsFile;
  if (file === undefined) return [];
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`GRADER_NATIVE_ADDONS names ${file}, which cannot be read`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`GRADER_NATIVE_ADDONS: ${file} is not JSON`, { cause: error });
  }
  const parsed = NativeAddonListSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(the list)"}: ${issue.message}`);
    throw new Error(`GRADER_NATIVE_ADDONS: ${file} is not a list of {"path", "sha256"}: ${problems.join("; ")}`);
  }
  return parsed.data;
}

/**
 * Files already hashed, by everything that changes when the file does (ctime included: mtime can
 * be set back by hand, ctime cannot), so a large library is hashed once, not at every launch.
 */
const verifiedHashes = new Map<string, string>();

function identityOf(realPath: string, stat: fs.Stats): string {
  return [realPath, stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino, stat.dev].join("\0");
}

function sha256Of(file: string): string {
  const hash = crypto.createHash("sha256");
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (let read = fs.readSync(fd, chunk); read > 0; read = fs.readSync(fd, chunk)) {
      hash.update(chunk.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

/**
 * Checks each file on the host and returns the list with links resolved, which is the path node's
 * loader hands to process.dlopen. Throws, naming the file, when one is missing, not a regular file,
 * not world-readable (the sandbox user must read it), writable by others than its owner (anyone
 * could change it after review) or not the bytes that were reviewed.
 */
export function verifyNativeAddons(addons: readonly NativeAddon[]): NativeAddon[] {
  return addons.map((addon) => {
    if (!path.isAbsolute(addon.path)) throw new Error(`native addon path must be absolute: ${addon.path}`);
    let realPath: string;
    try {
      realPath = fs.realpathSync(addon.path);
    } catch (error) {
      throw new Error(`native addon ${addon.path} does not exist`, { cause: error });
    }
    const stat = fs.statSync(realPath);
    if (!stat.isFile()) throw new Error(`native addon ${realPath} is not a regular file`);
    if ((stat.mode & 0o004) === 0) throw new Error(`native addon ${realPath} is not world-readable`);
    if ((stat.mode & 0o022) !== 0) throw new Error(`native addon ${realPath} is writable by group or others`);
    const identity = identityOf(realPath, stat);
    const actual = verifiedHashes.get(identity) ?? sha256Of(realPath);
    if (actual !== addon.sha256) {
      verifiedHashes.delete(identity);
      throw new Error(
        `native addon ${addon.path}${realPath === addon.path ? "" : ` (${realPath})`} is not the reviewed file: ` +
          `expected sha256 ${addon.sha256}, found ${actual}`,
      );
    }
    verifiedHashes.set(identity, actual);
    return { path: realPath, sha256: actual };
  });
}
