// What admins see of the grading pipeline: BullMQ's job counts and failed jobs, the workers'
// heartbeats, and Postgres's own view (which is the truth about submissions).
import { db } from "../db";
import { getGradingQueue, GRADING_QUEUE } from "../queue/grading-queue";
import { requireAdmin, type Viewer } from "./require-admin";
import { errorMessage } from "../errors";
import { PRACTICE_JOB_NAME } from "../queue/practice-job";

/** A worker beats every 10 s; three missed beats and it counts as gone. */
export const WORKER_ALIVE_MS = 30_000;
/** BullMQ's connection waits for Redis indefinitely; the page must not. */
const REDIS_TIMEOUT_MS = 3_000;
const FAILED_JOBS_SHOWN = 20;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms / 1000} s.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function readQueue() {
  const queue = getGradingQueue();
  const [counts, failed] = await Promise.all([
    queue.getJobCounts("waiting", "prioritized", "active", "delayed", "failed", "completed", "paused"),
    queue.getFailed(0, FAILED_JOBS_SHOWN - 1),
  ]);
  return {
    counts: {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0),
      running: counts.active ?? 0,
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

/** The queue, the workers and Postgres's counts; a Redis outage is reported, not thrown. */
export async function getQueueStatus({ viewer, now = new Date() }: { viewer: Viewer; now?: Date }) {
  requireAdmin(viewer);
  const [queue, heartbeats, submissions, pendingOutbox] = await Promise.all([
    withTimeout(readQueue(), REDIS_TIMEOUT_MS).then(
      (value) => ({ isReachable: true as const, ...value }),
      (error: unknown) => ({ isReachable: false as const, error: errorMessage(error) }),
    ),
    db.workerHeartbeat.findMany({ orderBy: { lastSeenAt: "desc" } }),
    db.submission.groupBy({ by: ["status"], where: { status: { in: ["QUEUED", "RUNNING"] } }, _count: { _all: true } }),
    // The grading queue's alone, like the rest of the page; certificate jobs share the outbox table.
    db.outboxJob.count({ where: { state: "PENDING", queue: GRADING_QUEUE } }),
  ]);
  const workers = heartbeats.map((worker) => ({
    ...worker,
    isAlive: now.getTime() - worker.lastSeenAt.getTime() <= WORKER_ALIVE_MS,
    // The worker reports "refusing" instead of a backend when its sandbox is incomplete.
    isGrading: worker.backend !== "refusing",
  }));
  return {
    checkedAt: now,
    queue,
    workers,
    aliveWorkers: workers.filter((worker) => worker.isAlive).length,
    database: {
      queued: submissions.find((row) => row.status === "QUEUED")?._count._all ?? 0,
      running: submissions.find((row) => row.status === "RUNNING")?._count._all ?? 0,
      pendingOutbox,
    },
  };
}
export type QueueStatus = Awaited<ReturnType<typeof getQueueStatus>>;
