// What admins see of the grading pipeline: BullMQ's job counts and failed jobs, the workers'
// heartbeats, and Postgres's own view (which is the truth about submissions).
import { db } from "../db";
import { getGradingQueue, GRADING_QUEUE } from "../queue/grading-queue";
import { requireAdmin, type Viewer } from "./require-admin";
import { errorMessage } from "../errors";
import { PRACTICE_JOB_NAME } from "../queue/practice-job";
import { getCertificateQueue } from "../queue/certificate-queue";
import type { Locale } from "../courses/content-schema";
import { listRunningJobs } from "./list-running-jobs";

/** A worker beats every 10 s; three missed beats and it counts as gone. */
export const WORKER_ALIVE_MS = 30_000;
/** BullMQ's connection waits for Redis indefinitely; the page must not. */
const REDIS_TIMEOUT_MS = 3_000;
const FAILED_JOBS_SHOWN = 20;
/** A certificate job waiting longer than this means the issuer is not taking work. */
export const ISSUER_STALLED_MS = 2 * 60_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms / 1000} s.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A Redis read bounded in time; an outage becomes part of the answer instead of an error. */
function fromRedis<T extends object>(read: Promise<T>) {
  return withTimeout(read, REDIS_TIMEOUT_MS).then(
    (value) => ({ isReachable: true as const, ...value }),
    (error: unknown) => ({ isReachable: false as const, error: errorMessage(error) }),
  );
}

async function readQueue(locale: Locale) {
  const queue = getGradingQueue();
  const [counts, failed, running] = await Promise.all([
    queue.getJobCounts("waiting", "prioritized", "delayed", "failed", "completed", "paused"),
    queue.getFailed(0, FAILED_JOBS_SHOWN - 1),
    listRunningJobs(queue, locale),
  ]);
  return {
    // The running count is the length of the list the workers' rows are counted from, never a
    // separate read that could see a different moment.
    runningJobs: running,
    counts: {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0),
      running: running.length,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      completed: counts.completed ?? 0,
    },
    failedJobs: failed
      // A job removed between BullMQ's listing and its read comes back as undefined.
      .filter((job) => job !== undefined)
      .map((job) => ({
        id: job.id ?? "",
        // Practice runs share the queue and have no submission.
        submissionId:
          "submissionId" in job.data && typeof job.data.submissionId === "string" ? job.data.submissionId : null,
        reason: job.failedReason,
        attemptsMade: job.attemptsMade,
        failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
        isRegrade: (job.opts.priority ?? 0) > 0 && job.name !== PRACTICE_JOB_NAME,
      })),
  };
}

/**
 * The certificate issuer has no heartbeat of its own: its queue tells whether it is taking work. The
 * oldest waiting job's age is what an admin needs to tell "busy" from "not running".
 */
async function readCertificateQueue(now: Date) {
  const queue = getCertificateQueue();
  const [counts, [oldest]] = await Promise.all([
    queue.getJobCounts("waiting", "prioritized", "paused", "active", "delayed"),
    queue.getJobs(["waiting", "prioritized", "paused"], 0, 0, true),
  ]);
  const oldestWaitingMs = oldest ? Math.max(0, now.getTime() - oldest.timestamp) : null;
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0) + (counts.delayed ?? 0),
    running: counts.active ?? 0,
    oldestWaitingMs,
    isStalled: oldestWaitingMs !== null && oldestWaitingMs > ISSUER_STALLED_MS,
  };
}

/** The queue, the workers and Postgres's counts; a Redis outage is reported, not thrown. */
export async function getQueueStatus({
  viewer,
  now = new Date(),
  locale = "en",
}: {
  viewer: Viewer;
  now?: Date;
  /** The language lab titles are shown in. */
  locale?: Locale;
}) {
  requireAdmin(viewer);
  const [queue, certificates, heartbeats, submissions, practiceRuns, pendingOutbox] = await Promise.all([
    fromRedis(readQueue(locale)),
    fromRedis(readCertificateQueue(now)),
    db.workerHeartbeat.findMany({ orderBy: { lastSeenAt: "desc" } }),
    db.submission.groupBy({ by: ["status"], where: { status: { in: ["QUEUED", "RUNNING"] } }, _count: { _all: true } }),
    // Practice checks share the grading queue, so its counts include them; Postgres tells them apart.
    db.practiceRun.count({ where: { status: { in: ["QUEUED", "RUNNING"] } } }),
    // The grading queue's alone, like the rest of the page; certificate jobs share the outbox table.
    db.outboxJob.count({ where: { state: "PENDING", queue: GRADING_QUEUE } }),
  ]);
  const runningJobs = queue.isReachable ? queue.runningJobs : null;
  const workers = heartbeats.map((worker) => ({
    ...worker,
    // The heartbeat's own count is up to one beat old; the queue's active list is what runs now.
    activeJobs: runningJobs ? runningJobs.filter((job) => job.workerId === worker.id).length : worker.activeJobs,
    isAlive: now.getTime() - worker.lastSeenAt.getTime() <= WORKER_ALIVE_MS,
    // The worker reports "refusing" instead of a backend when its sandbox is incomplete.
    isGrading: worker.backend !== "refusing",
  }));
  return {
    checkedAt: now,
    queue,
    certificates,
    workers,
    aliveWorkers: workers.filter((worker) => worker.isAlive).length,
    database: {
      queued: submissions.find((row) => row.status === "QUEUED")?._count._all ?? 0,
      running: submissions.find((row) => row.status === "RUNNING")?._count._all ?? 0,
      practiceRuns,
      pendingOutbox,
    },
  };
}
export type QueueStatus = Awaited<ReturnType<typeof getQueueStatus>>;
