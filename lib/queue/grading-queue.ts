// The "grading" queue: its name, its payload contract and how both sides connect to it.
// Payloads carry ids only; code and weights stay in Postgres and on the worker's disk.
import { Queue, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import { z } from "zod";
import { env, requireRedisUrl } from "../env";
import type { PracticeJob } from "./practice-job";

export const GRADING_QUEUE = "grading";

/**
 * BullMQ serves lower numbers first and jobs without a priority before all prioritised ones, so regrades wait behind
 * learners' live work.
 */
export const REGRADE_PRIORITY = 10;

export const GradingJobSchema = z.object({
  /** The submission to grade; everything else is read from Postgres by the worker. */
  submissionId: z.string().min(1).max(64),
});
export type GradingJob = z.infer<typeof GradingJobSchema>;

/** Every payload the queue carries: graded work, and practice runs under their own job name (practice-job.ts). */
export type QueuePayload = GradingJob | PracticeJob;

/** A connection as BullMQ needs it: no per-command retry limit, so blocking reads can wait. */
export function createQueueConnection(): Redis {
  return new Redis(requireRedisUrl(), { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export function queueOptions(connection: ConnectionOptions) {
  return { connection, prefix: env.QUEUE_PREFIX };
}

let gradingQueue: { queue: Queue<QueuePayload>; connection: Redis } | undefined;

export function getGradingQueue(): Queue<QueuePayload> {
  if (!gradingQueue) {
    const connection = createQueueConnection();
    // ioredis reconnects by itself; without a listener every failed attempt during an outage would
    // be printed as an unhandled error. Callers see the failure in their own queue call.
    connection.on("error", () => undefined);
    gradingQueue = { queue: new Queue<QueuePayload>(GRADING_QUEUE, queueOptions(connection)), connection };
  }
  return gradingQueue.queue;
}

/** Closes the queue and its Redis connection (BullMQ leaves a connection it was handed open). */
export async function closeGradingQueue(): Promise<void> {
  if (!gradingQueue) return;
  const { queue, connection } = gradingQueue;
  gradingQueue = undefined;
  await queue.close();
  await connection.quit().catch(() => connection.disconnect());
}
