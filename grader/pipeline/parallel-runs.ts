// How many of an attempt's training runs train at once. Each run is one sandbox with the lab's
// memory cap and (on the WebAssembly engine) one busy core, and the worker may already be grading
// GRADER_CONCURRENCY attempts side by side, so the default shares the cores among them and keeps
// the caps within half the machine's memory.
import os from "node:os";
import type { AssignmentSpec } from "@/lib/assignments/spec-schema";
import { graderConfig } from "@/grader/config";

export function parallelRunsFor(spec: AssignmentSpec, plannedRuns: number): number {
  const byCores = Math.floor(os.availableParallelism() / graderConfig.concurrency);
  const byMemory = Math.floor(os.totalmem() / 2 / (spec.budget.memoryMiB * 2 ** 20));
  const chosen = graderConfig.parallelRuns ?? Math.min(byCores, byMemory);
  return Math.max(1, Math.min(plannedRuns, chosen));
}
