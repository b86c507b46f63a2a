// Reads a file a sandboxed run left in its output folder. The learner's code could leave anything
// under the name the host asks for: a link to a host file (the grader runs as root and would read
// it), a FIFO that blocks the open, or a file far larger than memory. Only Node's permission model
// keeps that code from making symbolic links and FIFOs there, and Node says it is no security
// boundary, so every read of sandbox output goes through here instead.
import fs from "node:fs";

/** Why a file was refused; `too_large` lets callers keep their own wording for a budget. */
export type RefusalReason = "symbolic_link" | "not_regular" | "hard_link" | "too_large";

export class SandboxFileRefused extends Error {
  constructor(
    readonly file: string,
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = "SandboxFileRefused";
  }
}

export interface ReadLimit {
  /** The largest size accepted, checked on the open descriptor and never read past. */
  maxBytes: number;
  /** Ends "is larger than the 4.2 MB …" in the refusal; "allowed" when absent. */
  allowedBy?: string;
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer that never comes.
// O_NOCTTY: a terminal device must never become the grader's controlling terminal.
const FILE_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY;
const FOLDER_FLAGS = fs.constants.O_RDONLY | fs.constants.O_DIRECTORY | fs.constants.O_NOFOLLOW;
const READ_CHUNK = 2 ** 20;

export function formatBytes(bytes: number): string {
  if (bytes >= 10 ** 6) return `${Number((bytes / 10 ** 6).toFixed(1))} MB`;
  if (bytes >= 10 ** 3) return `${Number((bytes / 10 ** 3).toFixed(1))} kB`;
  return `${bytes} bytes`;
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  return "not a file";
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/**
 * Opens `name` inside the folder open on `folderFd`, resolving nothing the learner could have
 * replaced: /proc/self/fd/N is the folder already opened (an openat(2), which Node lacks), and
 * O_NOFOLLOW refuses a link in the one remaining component. Null when there is no such file.
 */
function openInFolder(folderFd: number, name: string): number | null {
  try {
    return fs.openSync(`/proc/self/fd/${folderFd}/${name}`, FILE_FLAGS);
  } catch (error) {
    switch (errorCode(error)) {
      case "ENOENT":
        return null;
      case "ELOOP":
        throw new SandboxFileRefused(name, "symbolic_link", `${name} is a symbolic link.`);
      case "ENXIO":
        // What opening a UNIX socket gives.
        throw new SandboxFileRefused(name, "not_regular", `${name} is not a regular file (a socket).`);
      default:
        throw error;
    }
  }
}

function checkedSize(fd: number, name: string, limit: ReadLimit): number {
  const stat = fs.fstatSync(fd);
  if (!stat.isFile()) {
    throw new SandboxFileRefused(name, "not_regular", `${name} is not a regular file (${kindOf(stat)}).`);
  }
  // A second link means the same inode is also somewhere else, such as a host file linked in.
  if (stat.nlink !== 1) {
    throw new SandboxFileRefused(
      name,
      "hard_link",
      `${name} is a hard link (${stat.nlink} names share its contents); the grader reads only files your run wrote.`,
    );
  }
  if (stat.size > limit.maxBytes) {
    throw new SandboxFileRefused(
      name,
      "too_large",
      `${name} is larger than the ${formatBytes(limit.maxBytes)} ${limit.allowedBy ?? "allowed"} ` +
        `(it is ${formatBytes(stat.size)}).`,
    );
  }
  return stat.size;
}

/** Reads at most `size` bytes even if the file grows meanwhile; fewer if it shrinks. */
function readBounded(fd: number, size: number): Buffer<ArrayBuffer> {
  const buffer = Buffer.alloc(size);
  let filled = 0;
  while (filled < size) {
    const read = fs.readSync(fd, buffer, filled, Math.min(READ_CHUNK, size - filled), filled);
    if (read === 0) break;
    filled += read;
  }
  return filled === size ? buffer : buffer.subarray(0, filled);
}

/**
 * The contents of `name` in the sandbox's output `folder`, or null when there is none. Throws
 * SandboxFileRefused when it is a link, not a regular file, has other hard links, or is larger
 * than the limit. `folder` itself is the host's and must not be a link (a plain error if it is).
 */
export function readSandboxFile(folder: string, name: string, limit: ReadLimit): Buffer<ArrayBuffer> | null {
  // One component only, so no folder on the way can be a link the learner planted.
  if (name === "" || name === "." || name === ".." || name.includes("/") || name.includes("\0")) {
    throw new Error(`"${name}" is not a plain file name`);
  }
  const folderFd = fs.openSync(folder, FOLDER_FLAGS);
  try {
    const fd = openInFolder(folderFd, name);
    if (fd === null) return null;
    try {
      return readBounded(fd, checkedSize(fd, name, limit));
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    fs.closeSync(folderFd);
  }
}
