// The grader's settings, derived once from the validated environment.
import os from "node:os";
import { env } from "../lib/env";

export const graderConfig = {
  /** Identifies this worker in heartbeats and on submissions it grades. */
  workerId: `${os.hostname()}:${process.pid}`,
  concurrency: env.GRADER_CONCURRENCY,
  /** Training runs of one multi-seed attempt that train at once; unset, grader/pipeline/parallel-runs.ts decides. */
  parallelRuns: env.GRADER_PARALLEL_RUNS,
  preferredBackend: env.GRADER_BACKEND,
  /** OpenMP threads of the native engine per training run. */
  nativeThreads: env.GRADER_NATIVE_THREADS,
  /** Cores' worth of CPU time one sandboxed run may use, enforced by its cgroup. */
  cpuShare: env.GRADER_CPU_SHARE,
  isWeakSandboxAllowed: env.GRADER_UNSAFE_ALLOW_WEAK_SANDBOX,
  /** The reviewed native addons' list file (GRADER_NATIVE_ADDONS); read from env when asked, as tests change it. */
  get nativeAddonsFile(): string | undefined {
    return env.GRADER_NATIVE_ADDONS;
  },
  /** Device nodes bound into runs that load native addons (GRADER_GPU_DEVICES); read when asked, as above. */
  get gpuDevices(): readonly string[] {
    return env.GRADER_GPU_DEVICES;
  },
  heartbeatMs: env.GRADER_HEARTBEAT_SECONDS * 1000,
  /** A job whose worker stops renewing its lock for this long is taken over by another worker. */
  lockDurationMs: env.GRADER_LOCK_SECONDS * 1000,
  stalledIntervalMs: Math.max(1000, (env.GRADER_LOCK_SECONDS * 1000) / 2),
  sweepIntervalMs: env.GRADER_SWEEP_SECONDS * 1000,
  queuedGraceMs: env.GRADER_QUEUED_GRACE_SECONDS * 1000,
  /** How long SIGTERM waits for running jobs before handing them back to the queue. */
  drainTimeoutMs: env.GRADER_DRAIN_SECONDS * 1000,
} as const;
