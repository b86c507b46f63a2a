// The grader worker process: its own entry point, never part of the web app. It consumes the
// "grading" queue, sweeps for lost work, reports a heartbeat, and drains on SIGTERM.
import os from "node:os";
import { Worker } from "bullmq";
import { db } from "../lib/db";
import { closeGradingQueue, createQueueConnection, getGradingQueue, GRADING_QUEUE, queueOptions, type GradingJob } from "../lib/queue/grading-queue";
import { graderConfig } from "./config";
import { processGradingJob } from "./process-grading-job";
import { probeSandbox } from "./sandbox/run-sandboxed";
import { sweep } from "./sweeper";

const log = (line: string) => console.log(`grader ${graderConfig.workerId}: ${line}`);

async function beat(backend: string, activeJobs: number, startedAt: Date): Promise<void> {
  const data = { hostname: os.hostname(), pid: process.pid, backend, concurrency: graderConfig.concurrency, lastSeenAt: new Date(), activeJobs };
  await db.workerHeartbeat.upsert({ where: { id: graderConfig.workerId }, create: { id: graderConfig.workerId, startedAt, ...data }, update: data });
}

/** Whether this machine can run learner code safely; refuses (loudly) when it cannot. */
async function checkSandbox(): Promise<boolean> {
  const { layers, isComplete } = await probeSandbox();
  for (const layer of layers) log(`sandbox layer ${layer.name}: ${layer.isAvailable ? "ok" : "MISSING"} (${layer.detail})`);
  if (isComplete) return true;
  if (graderConfig.isWeakSandboxAllowed) {
    log("WARNING: GRADER_UNSAFE_ALLOW_WEAK_SANDBOX is set: grading with a weaker sandbox. Never do this in production.");
    return true;
  }
  log("REFUSING TO GRADE: a sandbox layer is missing (see above). Submissions stay queued until a complete sandbox is available.");
  return false;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const canGrade = await checkSandbox();
  await beat(canGrade ? "ready" : "refusing", 0, startedAt);

  let worker: Worker<GradingJob> | null = null;
  let activeJobs = 0;
  if (canGrade) {
    worker = new Worker<GradingJob>(GRADING_QUEUE, processGradingJob, {
      ...queueOptions(createQueueConnection()),
      concurrency: graderConfig.concurrency,
      lockDuration: graderConfig.lockDurationMs,
      stalledInterval: graderConfig.stalledIntervalMs,
      maxStalledCount: 3,
    });
    worker.on("active", () => activeJobs++);
    worker.on("completed", () => activeJobs--);
    worker.on("failed", (job, error) => {
      activeJobs = Math.max(0, activeJobs - 1);
      log(`job ${job?.id ?? "?"} failed (try ${job?.attemptsMade ?? "?"}): ${error.message}`);
    });
    worker.on("error", (error) => log(`queue connection problem: ${error.message}`));
    log(`waiting for jobs (concurrency ${graderConfig.concurrency})`);
  }

  const timers = [
    setInterval(() => {
      beat(canGrade ? "ready" : "refusing", activeJobs, startedAt).catch((error: unknown) => log(`heartbeat failed: ${String(error)}`));
    }, graderConfig.heartbeatMs),
  ];
  if (canGrade) {
    const runSweep = () =>
      sweep(getGradingQueue())
        .then(({ requeued, abandoned }) => {
          if (requeued + abandoned > 0) log(`sweeper: re-queued ${requeued}, gave up on ${abandoned}`);
        })
        .catch((error: unknown) => log(`sweeper failed: ${String(error)}`));
    void runSweep();
    timers.push(setInterval(runSweep, graderConfig.sweepIntervalMs));
  }

  let isShuttingDown = false;
  const shutdown = async (signal: string) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    log(`${signal}: finishing running jobs (at most ${graderConfig.drainTimeoutMs / 1000} s), then stopping`);
    for (const timer of timers) clearInterval(timer);
    if (worker) {
      const drained = worker.close();
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graderConfig.drainTimeoutMs));
      // A job still running at the deadline is handed back: its lock lapses and another worker takes it over.
      if ((await Promise.race([drained, timeout])) === "timeout") await worker.close(true);
    }
    await closeGradingQueue();
    await db.workerHeartbeat.delete({ where: { id: graderConfig.workerId } }).catch(() => undefined);
    await db.$disconnect();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error("grader: failed to start:", error);
  process.exit(1);
});
