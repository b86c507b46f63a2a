// Moves jobs recorded in Postgres (in the same transaction as the work they describe) onto the
// BullMQ queue. Run right after a commit and, as a sweeper, periodically by every worker, so a
// job survives a crash between the database write and the enqueue.
import { db } from "../db";
import { GradingJobSchema, getGradingQueue, GRADING_QUEUE } from "./grading-queue";
import { PRACTICE_JOB_NAME, PRACTICE_JOB_OPTIONS, PracticeJobSchema } from "./practice-job";

/** Retries with backoff for the platform's own failures (worker lost, Redis gone, sandbox down). */
export const GRADING_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: "exponential" as const, delay: 5_000 },
  removeOnComplete: { count: 5_000 },
  removeOnFail: { count: 5_000 },
};

/**
 * Enqueues pending outbox rows (all, or those with `ids`); returns how many were moved. Safe to run concurrently: the
 * job id dedupes.
 */
export async function relayOutbox(limit = 200, ids?: string[]): Promise<number> {
  const pending = await db.outboxJob.findMany({
    // A web request relays only its own row; the workers' sweeper relays everything left behind.
    where: { state: "PENDING", queue: GRADING_QUEUE, ...(ids ? { id: { in: ids } } : {}) },
    // Learners' jobs (priority 0) before regrades (higher numbers), so a regrade batch in the
    // outbox never holds a learner's submission back.
    orderBy: [{ priority: "asc" }, { createdAt: "asc" }],
    take: limit,
  });
  for (const row of pending) await enqueueOutboxJob(row);
  return pending.length;
}

/**
 * Enqueues one outbox row its writer already holds and marks it enqueued, without reading it back:
 * what a request does right after committing its own row.
 */
export async function enqueueOutboxJob(row: {
  id: string;
  name: string;
  payload: unknown;
  priority: number;
}): Promise<void> {
  const isPractice = row.name === PRACTICE_JOB_NAME;
  const payload = isPractice ? PracticeJobSchema.parse(row.payload) : GradingJobSchema.parse(row.payload);
  await getGradingQueue().add(row.name, payload, {
    ...(isPractice ? PRACTICE_JOB_OPTIONS : GRADING_JOB_OPTIONS),
    // BullMQ ignores a second add with an id it already holds, so a relay that crashed after
    // adding but before marking the row cannot grade a submission twice.
    jobId: row.id,
    ...(row.priority > 0 ? { priority: row.priority } : {}),
  });
  await db.outboxJob.update({ where: { id: row.id }, data: { state: "ENQUEUED", enqueuedAt: new Date() } });
}
