// A grading run's folder on the host, and where its parts appear inside the sandbox.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sandboxStateFolder } from "@/grader/sandbox/reachable-binds";

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
  const root = path.join(sandboxStateFolder(), "jobs");
  fs.mkdirSync(root, { recursive: true, mode: 0o755 });
  const folder = path.join(root, `job-${Date.now()}-${randomBytes(6).toString("hex")}`);
  for (const sub of ["", "control", "data", "learner", "output"]) fs.mkdirSync(path.join(folder, sub), { mode: 0o755 });
  return folder;
}
