// A grading run's folder on the host, and where its parts appear inside the sandbox.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { unmountOutputsUnder } from "@/grader/sandbox/output-tmpfs";
import { sandboxJobsFolder } from "@/grader/sandbox/reachable-binds";

// Inside the sandbox everything lives at fixed paths; learner input never names a path.
export const SANDBOX_PATHS = {
  harness: "/platform/harness",
  control: "/job/control",
  data: "/job/data",
  learner: "/job/learner",
  output: "/job/output",
} as const;

/**
 * Where a run's files go; world-readable because the sandbox user (nobody) must read the binds,
 * and so outside the data folder when nobody cannot enter it.
 */
export function createJobFolder(): string {
  const root = sandboxJobsFolder();
  fs.mkdirSync(root, { recursive: true, mode: 0o755 });
  // The grader's pid first: a mount left by a grader that died is told apart from a live run's (output-tmpfs.ts).
  const folder = path.join(root, `job-${process.pid}-${Date.now()}-${randomBytes(6).toString("hex")}`);
  for (const sub of ["", "control", "data", "learner", "output"]) fs.mkdirSync(path.join(folder, sub), { mode: 0o755 });
  return folder;
}

/**
 * Removes a job folder, unmounting its output tmpfs first: removing files through a mount would
 * empty it, then fail on the mount point and leave the mount (and its memory) behind.
 */
export function removeJobFolder(folder: string): void {
  unmountOutputsUnder(folder);
  fs.rmSync(folder, { recursive: true, force: true });
}
