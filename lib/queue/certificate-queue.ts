// The "certificates" queue: after a passed grading, the certificate issuer (issuer/index.ts), a
// process of its own and the only one this queue reaches that holds the signing key, checks the
// course's pass rule and signs. The grading worker, which handles learner artefacts, only enqueues.
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { createQueueConnection, queueOptions } from "./grading-queue";

export const CERTIFICATE_QUEUE = "certificates";

export const CertificateJobSchema = z.object({
  /** The passed submission that may have completed its course; the issuer reads the learner and course from it. */
  submissionId: z.string().min(1).max(64),
});
export type CertificateJob = z.infer<typeof CertificateJobSchema>;

/**
 * Ten tries, 5 s apart and doubling (about 40 minutes in all), ride out a database or Redis outage
 * or a missing key in the issuer. Issuing is idempotent, so a retry never issues twice.
 */
export const CERTIFICATE_JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: "exponential" as const, delay: 5_000 },
  removeOnComplete: { count: 5_000 },
  removeOnFail: { count: 5_000 },
};

let certificateQueue: { queue: Queue<CertificateJob>; connection: Redis } | undefined;

export function getCertificateQueue(): Queue<CertificateJob> {
  if (!certificateQueue) {
    const connection = createQueueConnection();
    // As for the grading queue: ioredis reconnects by itself, and callers see a failure in their own call.
    connection.on("error", () => undefined);
    certificateQueue = { queue: new Queue<CertificateJob>(CERTIFICATE_QUEUE, queueOptions(connection)), connection };
  }
  return certificateQueue.queue;
}

/** Closes the queue and its Redis connection (BullMQ leaves a connection it was handed open). */
export async function closeCertificateQueue(): Promise<void> {
  if (!certificateQueue) return;
  const { queue, connection } = certificateQueue;
  certificateQueue = undefined;
  // A queue made moments ago (the worker's first pass, just before a shutdown) may still be
  // connecting. BullMQ drops its listeners on close, so a connection attempt cut short after that
  // would raise an error nobody hears and bring the process down: let it finish first. (Callers bound
  // the wait when Redis is away.)
  await queue.waitUntilReady().catch(() => undefined);
  await queue.close();
  await connection.quit().catch(() => connection.disconnect());
}
