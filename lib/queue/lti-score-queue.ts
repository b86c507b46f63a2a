// The "lti-scores" queue: a result that counts (a graded lab, a quiz, a regrade, a certificate's
// status) may change what a learner's LMS gradebook should show. The job names only the learner and
// the course; the issuer process recomputes every score from Postgres when it runs, so a job delivered
// late or twice still posts what is true then, never a stale number carried in the payload.
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { createQueueConnection, queueOptions } from "./grading-queue";

export const LTI_SCORE_QUEUE = "lti-scores";
export const LTI_SCORE_JOB_NAME = "post-scores";

export const LtiScoreJobSchema = z.object({
  /** The learner whose scores to recompute and post. */
  userId: z.string().min(1).max(64),
  /** The Gradient course whose LMS placements (LtiResourceLinks) get the learner's scores. */
  courseId: z.string().min(1).max(64),
  /**
   * When the result that asked for this job was stored. A placement whose score was sent after it is
   * not posted again when the score is unchanged (a retry of this job); an older one is, because
   * every result that counts (a regrade with the same outcome included) reaches the LMS.
   */
  recordedAt: z.iso.datetime(),
});
export type LtiScoreJob = z.infer<typeof LtiScoreJobSchema>;

/**
 * Eight tries, 3 s apart and doubling (about six and a half minutes in all), ride out an LMS that is
 * briefly down or slow; the last failure stays FAILED on the instructor's page, with "send again".
 * Posting is idempotent (a score identical to the last one sent is not posted again).
 */
export const LTI_SCORE_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: "exponential" as const, delay: 3_000 },
  removeOnComplete: { count: 5_000 },
  removeOnFail: { count: 5_000 },
};

let ltiScoreQueue: { queue: Queue<LtiScoreJob>; connection: Redis } | undefined;

export function getLtiScoreQueue(): Queue<LtiScoreJob> {
  if (!ltiScoreQueue) {
    const connection = createQueueConnection();
    // As for the grading queue: ioredis reconnects by itself, and callers see a failure in their own call.
    connection.on("error", () => undefined);
    ltiScoreQueue = { queue: new Queue<LtiScoreJob>(LTI_SCORE_QUEUE, queueOptions(connection)), connection };
  }
  return ltiScoreQueue.queue;
}

/** Closes the queue and its Redis connection (BullMQ leaves a connection it was handed open). */
export async function closeLtiScoreQueue(): Promise<void> {
  if (!ltiScoreQueue) return;
  const { queue, connection } = ltiScoreQueue;
  ltiScoreQueue = undefined;
  // As in closeCertificateQueue: a queue still connecting must finish before it is closed.
  await queue.waitUntilReady().catch(() => undefined);
  await queue.close();
  await connection.quit().catch(() => connection.disconnect());
}
