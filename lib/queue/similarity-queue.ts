// The "similarity" queue: one job per similarity analysis an instructor starts. The job names only
// the analysis; what to compare (the basis, other course runs, the archive) is in its Postgres row,
// which is also where the job writes its progress and results for the page to read.
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { createQueueConnection, queueOptions } from "./grading-queue";

export const SIMILARITY_QUEUE = "similarity";
export const SIMILARITY_JOB_NAME = "analyse";

export const SimilarityJobSchema = z.object({
  /** The SimilarityAnalysis row to compute. */
  analysisId: z.string().min(1).max(64),
});
export type SimilarityJob = z.infer<typeof SimilarityJobSchema>;

/**
 * The analysis is deterministic, so retries are for the platform's failures only (Redis or Postgres
 * lost mid-way); each try starts from the row again and replaces any pairs an earlier one wrote.
 */
export const SIMILARITY_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: "exponential" as const, delay: 5_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 1_000 },
};

let similarityQueue: { queue: Queue<SimilarityJob>; connection: Redis } | undefined;

export function getSimilarityQueue(): Queue<SimilarityJob> {
  if (!similarityQueue) {
    const connection = createQueueConnection();
    // As for the grading queue: ioredis reconnects by itself, and callers see a failure in their own call.
    connection.on("error", () => undefined);
    similarityQueue = { queue: new Queue<SimilarityJob>(SIMILARITY_QUEUE, queueOptions(connection)), connection };
  }
  return similarityQueue.queue;
}

/** Closes the queue and its Redis connection (BullMQ leaves a connection it was handed open). */
export async function closeSimilarityQueue(): Promise<void> {
  if (!similarityQueue) return;
  const { queue, connection } = similarityQueue;
  similarityQueue = undefined;
  await queue.waitUntilReady().catch(() => undefined);
  await queue.close();
  await connection.quit().catch(() => connection.disconnect());
}
