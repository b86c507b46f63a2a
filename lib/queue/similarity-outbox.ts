// A similarity job is recorded in Postgres in the same transaction that creates its analysis row, then
// moved onto the "similarity" queue: at once by the request after its commit, and by the issuer's
// periodic relay when that enqueue was lost (as certificate and LTI score jobs are).
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import {
  getSimilarityQueue,
  SIMILARITY_JOB_NAME,
  SIMILARITY_JOB_OPTIONS,
  SIMILARITY_QUEUE,
  SimilarityJobSchema,
} from "./similarity-queue";

export interface SimilarityOutboxRow {
  id: string;
  payload: unknown;
}

/** Records, in the caller's transaction, that analysis `analysisId` is to be computed. */
export async function recordSimilarityJob(
  tx: Prisma.TransactionClient,
  job: { analysisId: string },
): Promise<SimilarityOutboxRow> {
  const payload = SimilarityJobSchema.parse(job);
  return tx.outboxJob.create({
    data: { queue: SIMILARITY_QUEUE, name: SIMILARITY_JOB_NAME, payload },
    select: { id: true, payload: true },
  });
}

/** Enqueues one recorded job and marks its row enqueued. */
export async function enqueueSimilarityJob(row: SimilarityOutboxRow): Promise<void> {
  const payload = SimilarityJobSchema.parse(row.payload);
  // The row's id as the job id: BullMQ ignores a second add of it, so a relay racing the request adds it once.
  await getSimilarityQueue().add(SIMILARITY_JOB_NAME, payload, { ...SIMILARITY_JOB_OPTIONS, jobId: row.id });
  await db.outboxJob.update({ where: { id: row.id }, data: { state: "ENQUEUED", enqueuedAt: new Date() } });
}

/** Enqueues the similarity jobs still pending; returns how many. Safe to run concurrently: the job id dedupes. */
export async function relaySimilarityOutbox(limit = 50): Promise<number> {
  const pending = await db.outboxJob.findMany({
    where: { state: "PENDING", queue: SIMILARITY_QUEUE },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, payload: true },
  });
  for (const row of pending) await enqueueSimilarityJob(row);
  return pending.length;
}
