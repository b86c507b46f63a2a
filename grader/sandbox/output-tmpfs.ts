// A sandboxed run's writable folder as a tmpfs of its own. RLIMIT_FSIZE caps each file the run
// writes, but not how many files it makes nor their total: on the host's disk, learner code could
// fill it, and the save that then failed would be blamed on the platform (a free retry). A tmpfs
// mounted by the host has a fixed size and number of files, its pages are charged to the memory
// cgroup of the process writing them, and filling it is a failure of the learner's own run. Only
// root can mount, so only the runs that drop to the sandbox user get one. The host reads the
// results in place (read-sandbox-file.ts), so the mount stays until the job folder is removed.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { logger } from "../../lib/log";
import { isAlive } from "./cgroup";

export interface OutputCapacity {
  /** Total bytes the folder holds (tmpfs rounds up to whole pages, and every file takes at least one). */
  bytes: number;
  /** Files and folders it holds, the folder itself included. */
  files: number;
}

export interface FolderOwner {
  uid: number;
  gid: number;
}

/** The device name our mounts carry in /proc/self/mountinfo, so they are told apart from others. */
const MOUNT_SOURCE = "gradient-output";
const MOUNTINFO = "/proc/self/mountinfo";
/** A job folder's name begins with the pid of the grader that made it (job-folder.ts). */
const JOB_OWNER = /^job-(\d+)-/;

/** Makes `folder` (a path the platform chose, never learner input) a tmpfs of `capacity` owned by `owner`. */
export function mountOutputTmpfs(folder: string, capacity: OutputCapacity, owner: FolderOwner): void {
  for (const [name, value] of Object.entries(capacity)) {
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new Error(`tmpfs ${name} must be a positive integer: ${value}`);
  }
  const options = [
    `size=${capacity.bytes}`,
    `nr_inodes=${capacity.files}`,
    "mode=0755",
    `uid=${owner.uid}`,
    `gid=${owner.gid}`,
    "nosuid",
    "nodev",
    "noexec",
  ].join(",");
  execFileSync("mount", ["-t", "tmpfs", "-o", options, MOUNT_SOURCE, folder], { stdio: ["ignore", "ignore", "pipe"] });
}

/** mountinfo escapes space, tab, newline and backslash in paths as three octal digits. */
function unescapeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Our tmpfs mount points at or below `folder`, deepest first so nested ones come off before their parent. */
export function outputMountsUnder(folder: string): string[] {
  const root = path.resolve(folder);
  const mountPoints = fs
    .readFileSync(MOUNTINFO, "utf8")
    .split("\n")
    .flatMap((line) => {
      // Fields: id parent major:minor root mount-point options [optional…] - type source super-options
      const [before, after] = line.split(" - ");
      const mountPoint = before?.split(" ")[4];
      const [type, source] = (after ?? "").split(" ");
      if (mountPoint === undefined || type !== "tmpfs" || source !== MOUNT_SOURCE) return [];
      return [unescapeMountPath(mountPoint)];
    })
    .filter((mountPoint) => mountPoint === root || mountPoint.startsWith(`${root}/`));
  return [...new Set(mountPoints)].sort((a, b) => b.length - a.length);
}

/**
 * Unmounts every output tmpfs at or below `folder`, lazily (detached now, freed when the last
 * user lets go) where a plain unmount is refused; throws if one stays, so the folder is never
 * removed with a mount on it.
 */
export function unmountOutputsUnder(folder: string): void {
  for (;;) {
    const mountPoints = outputMountsUnder(folder);
    if (mountPoints.length === 0) return;
    for (const mountPoint of mountPoints) {
      if (spawnSync("umount", [mountPoint], { stdio: "ignore" }).status === 0) continue;
      const lazy = spawnSync("umount", ["-l", mountPoint], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
      if (lazy.status !== 0) throw new Error(`could not unmount ${mountPoint}: ${lazy.stderr.trim()}`);
    }
  }
}

/**
 * Unmounts the output tmpfs of job folders under `jobsRoot` whose grader has died: a worker
 * killed mid-run never removed its folder, and its mount would hold memory until a reboot.
 */
export function unmountOrphanOutputs(jobsRoot: string): void {
  const root = path.resolve(jobsRoot);
  const jobFolders = new Set(
    outputMountsUnder(root).map((mountPoint) => path.relative(root, mountPoint).split(path.sep)[0] ?? ""),
  );
  for (const jobFolder of jobFolders) {
    const owner = Number(JOB_OWNER.exec(jobFolder)?.[1]);
    if (Number.isInteger(owner) && isAlive(owner)) continue;
    try {
      unmountOutputsUnder(path.join(root, jobFolder));
    } catch (error) {
      logger.warn({ component: "sandbox", jobFolder, error: String(error) }, "could not unmount a dead run's output");
    }
  }
}
