// A certificate job is recorded in Postgres in the same transaction that stores the passed result,
// then moved onto the "certificates" queue: at once by the grading worker, and by the issuer's
// periodic relay when that enqueue was lost (Redis away, or the worker died right after the commit).
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import {
  CERTIFICATE_JOB_OPTIONS,
  CERTIFICATE_QUEUE,
  CertificateJobSchema,
  getCertificateQueue,
} from "./certificate-queue";

interface CertificateOutboxRow {
  id: string;
  payload: unknown;
}

/** Records, in the caller's transaction, that a passed submission may have completed its course. */
export function recordCertificateJob(
  tx: Prisma.TransactionClient,
  submissionId: string,
): Promise<CertificateOutboxRow> {
  return tx.outboxJob.create({
    data: { queue: CERTIFICATE_QUEUE, name: "issue", payload: CertificateJobSchema.parse({ submissionId }) },
    select: { id: true, payload: true },
  });
}

/** Enqueues one recorded job and marks its row enqueued. */
export async function enqueueCertificateJob(row: CertificateOutboxRow): Promise<void> {
  const payload = CertificateJobSchema.parse(row.payload);
  // The job id is the row's, one per passed result: BullMQ ignores a second add of the same id, so a
  // relay that crashed before marking the row enqueues nothing twice. (One id per learner and course
  // would not do: a later pass would be dropped while an earlier one's job still exists.)
  await getCertificateQueue().add("issue", payload, { ...CERTIFICATE_JOB_OPTIONS, jobId: row.id });
  await db.outboxJob.update({ where: { id: row.id }, data: { state: "ENQUEUED", enqueuedAt: new Date() } });
}

/** Enqueues the certificate jobs still pending; returns how many. Safe to run concurrently: the job id dedupes. */
export async function relayCertificateOutbox(limit = 200): Promise<number> {
  const pending = await db.outboxJob.findMany({
    where: { state: "PENDING", queue: CERTIFICATE_QUEUE },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, payload: true },
  });
  for (const row of pending) await enqueueCertificateJob(row);
  return pending.length;
}
