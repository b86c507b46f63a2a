// The grader worker process: its own entry point, never part of the web app. It consumes the
// "grading" queue, sweeps for lost work, reports a heartbeat, and drains on SIGTERM.
import os from "node:os";
import { Worker, type Job } from "bullmq";
import { refuseSigningKey } from "../lib/certificates/refuse-signing-key";
import { forbidToolKey } from "../lib/lti/tool-key";
import { db } from "../lib/db";
import { logger } from "../lib/log";
import { deleteExpiredOAuthSecrets } from "../lib/ob-api/delete-expired-oauth-secrets";
import { closeCertificateQueue } from "../lib/queue/certificate-queue";
import { closeLtiScoreQueue } from "../lib/queue/lti-score-queue";
import {
  closeGradingQueue,
  createQueueConnection,
  getGradingQueue,
  GRADING_QUEUE,
  queueOptions,
  type QueuePayload,
} from "../lib/queue/grading-queue";
import { PRACTICE_JOB_NAME } from "../lib/queue/practice-job";
import { graderConfig } from "./config";
import { trainingEngineSummary } from "./pipeline/engine-summary";
import { processPracticeJob } from "./practice/process-practice-job";
import { sweepPracticeRuns } from "./practice/sweep-practice-runs";
import { processGradingJob } from "./process-grading-job";
import { probeSandbox } from "./sandbox/run-sandboxed";
import { sweep } from "./sweeper";

const log = logger.child({ component: "grader", workerId: graderConfig.workerId });

/** How long each step of a shutdown after the drain may take: a stuck connection must not keep the process alive. */
const CLEAN_UP_MS = 5_000;
const TIMED_OUT = Symbol("timed out");

/** Waits for `promise` at most `ms`; its rejection counts as settling (shutdown goes on either way). */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise.catch(() => undefined), deadline]).finally(() => clearTimeout(timer));
}

async function beat(backend: string, activeJobs: number, startedAt: Date): Promise<void> {
  const data = {
    hostname: os.hostname(),
    pid: process.pid,
    backend,
    concurrency: graderConfig.concurrency,
    lastSeenAt: new Date(),
    activeJobs,
  };
  await db.workerHeartbeat.upsert({
    where: { id: graderConfig.workerId },
    create: { id: graderConfig.workerId, startedAt, ...data },
    update: data,
  });
}

/** Whether this machine can run learner code safely; refuses (loudly) when it cannot. */
async function checkSandbox(): Promise<boolean> {
  const { layers, isComplete } = await probeSandbox();
  for (const layer of layers) {
    if (layer.isAvailable) log.info({ layer: layer.name, detail: layer.detail }, "sandbox layer ok");
    else log.error({ layer: layer.name, detail: layer.detail }, "sandbox layer MISSING");
  }
  if (isComplete) return true;
  if (graderConfig.isWeakSandboxAllowed) {
    log.warn("GRADER_UNSAFE_ALLOW_WEAK_SANDBOX is set: grading with a weaker sandbox. Never do this in production.");
    return true;
  }
  log.error(
    "REFUSING TO GRADE: a sandbox layer is missing (see above). " +
      "Submissions stay queued until a complete sandbox is available.",
  );
  return false;
}

async function main(): Promise<void> {
  // This process handles learner artefacts: it refuses to start with the signing key, and no code
  // path in it may load the key from its default file.
  refuseSigningKey(
    "grading worker",
    "start it without them, and give the key to the certificate issuer (`npm run issuer`) instead.",
  );
  // Nor may it sign as Gradient towards an LMS: score posts happen in the issuer.
  forbidToolKey("grading worker");
  const startedAt = new Date();
  const canGrade = await checkSandbox();
  log.info({ engine: trainingEngineSummary() }, "labs train on this engine");
  await beat(canGrade ? "ready" : "refusing", 0, startedAt);

  let worker: Worker<QueuePayload> | null = null;
  // The jobs this process is running, tracked here rather than read from BullMQ: shutdown waits for
  // these, because Worker.close() can wait forever for a Redis "end" event (taskforcesh/bullmq#4065).
  const runningJobs = new Set<Promise<void>>();
  if (canGrade) {
    const grade = (job: Job<QueuePayload>) => {
      // Practice runs share the queue (and its priorities) with graded work, under a name of their own.
      const running = job.name === PRACTICE_JOB_NAME ? processPracticeJob(job) : processGradingJob(job);
      runningJobs.add(running);
      void running.catch(() => undefined).finally(() => runningJobs.delete(running));
      return running;
    };
    worker = new Worker<QueuePayload>(GRADING_QUEUE, grade, {
      ...queueOptions(createQueueConnection()),
      // Stored on every job it takes (processedBy), so the queue view counts each worker's running
      // jobs from the queue itself rather than from a heartbeat up to one beat old.
      name: graderConfig.workerId,
      concurrency: graderConfig.concurrency,
      lockDuration: graderConfig.lockDurationMs,
      stalledInterval: graderConfig.stalledIntervalMs,
      maxStalledCount: 3,
    });
    worker.on("failed", (job, error) =>
      log.warn({ jobId: job?.id, delivery: job?.attemptsMade, err: error }, "job failed"),
    );
    worker.on("error", (error) => log.error({ err: error }, "queue connection problem"));
    log.info({ concurrency: graderConfig.concurrency }, "waiting for jobs");
  }

  const timers = [
    setInterval(() => {
      beat(canGrade ? "ready" : "refusing", runningJobs.size, startedAt).catch((error: unknown) =>
        log.error({ err: error }, "heartbeat failed"),
      );
    }, graderConfig.heartbeatMs),
  ];
  if (canGrade) {
    const runSweep = () =>
      sweep(getGradingQueue())
        .then(({ requeued, abandoned }) => {
          if (requeued + abandoned > 0) log.info({ requeued, abandoned }, "sweeper re-queued lost work");
        })
        .then(() => sweepPracticeRuns())
        .then((ended) => {
          if (ended > 0) log.info({ ended }, "sweeper ended lost practice runs");
        })
        .then(() => deleteExpiredOAuthSecrets())
        .then(({ codes, tokens }) => {
          if (codes + tokens > 0) log.info({ codes, tokens }, "sweeper deleted expired OAuth codes and tokens");
        })
        .catch((error: unknown) => log.error({ err: error }, "sweeper failed"));
    void runSweep();
    timers.push(setInterval(() => void runSweep(), graderConfig.sweepIntervalMs));
  }

  let isShuttingDown = false;
  const shutdown = async (signal: string) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    log.info(
      { signal, drainMs: graderConfig.drainTimeoutMs, runningJobs: runningJobs.size },
      "finishing running jobs, then stopping",
    );
    for (const timer of timers) clearInterval(timer);
    if (worker) {
      // close() stops taking jobs at once, even when the promise it returns never settles.
      const closed = worker.close();
      const drain = await settlesWithin(Promise.allSettled([...runningJobs]), graderConfig.drainTimeoutMs);
      if (drain === TIMED_OUT) {
        // Exiting releases them: their locks lapse and another worker takes them over, uncharged.
        log.warn({ runningJobs: runningJobs.size }, "handing back jobs still running");
      } else {
        await settlesWithin(closed, CLEAN_UP_MS);
      }
    }
    await settlesWithin(closeGradingQueue(), CLEAN_UP_MS);
    await settlesWithin(closeCertificateQueue(), CLEAN_UP_MS);
    await settlesWithin(closeLtiScoreQueue(), CLEAN_UP_MS);
    await settlesWithin(db.workerHeartbeat.delete({ where: { id: graderConfig.workerId } }), CLEAN_UP_MS);
    await settlesWithin(db.$disconnect(), CLEAN_UP_MS);
    log.info("stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "failed to start");
  process.exit(1);
});
