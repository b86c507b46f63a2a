// An LTI score job is recorded in Postgres in the same transaction that stores the result it follows
// (as certificate jobs are, certificate-outbox.ts), then moved onto the "lti-scores" queue: at once
// by the writer after its commit, and by the issuer's periodic relay when that enqueue was lost.
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import {
  getLtiScoreQueue,
  LTI_SCORE_JOB_NAME,
  LTI_SCORE_JOB_OPTIONS,
  LTI_SCORE_QUEUE,
  LtiScoreJobSchema,
} from "./lti-score-queue";

export interface LtiScoreOutboxRow {
  id: string;
  payload: unknown;
}

/**
 * Records, in the caller's transaction, that `userId`'s scores in `courseId` may have changed.
 * Nothing is written unless the learner came through an LMS (an LtiUser) and the course is placed in
 * one (an LtiResourceLink): two indexed lookups, so results outside LTI cost next to nothing.
 */
export async function recordLtiScoreJob(
  tx: Prisma.TransactionClient,
  job: { userId: string; courseId: string },
): Promise<LtiScoreOutboxRow | null> {
  const payload = LtiScoreJobSchema.parse({ ...job, recordedAt: new Date().toISOString() });
  const account = await tx.ltiUser.findFirst({ where: { userId: payload.userId }, select: { id: true } });
  if (!account) return null;
  const placement = await tx.ltiResourceLink.findFirst({ where: { courseId: payload.courseId }, select: { id: true } });
  if (!placement) return null;
  return tx.outboxJob.create({
    data: { queue: LTI_SCORE_QUEUE, name: LTI_SCORE_JOB_NAME, payload },
    select: { id: true, payload: true },
  });
}

/** Enqueues one recorded job and marks its row enqueued; does nothing for null (no row was needed). */
export async function enqueueLtiScoreJob(row: LtiScoreOutboxRow | null): Promise<void> {
  if (!row) return;
  const payload = LtiScoreJobSchema.parse(row.payload);
  // The row's id as the job id: BullMQ ignores a second add of it, so a relay that crashed before
  // marking the row posts nothing twice, while every later result still gets a job of its own.
  await getLtiScoreQueue().add(LTI_SCORE_JOB_NAME, payload, { ...LTI_SCORE_JOB_OPTIONS, jobId: row.id });
  await db.outboxJob.update({ where: { id: row.id }, data: { state: "ENQUEUED", enqueuedAt: new Date() } });
}

/** Enqueues the LTI score jobs still pending; returns how many. Safe to run concurrently: the job id dedupes. */
export async function relayLtiScoreOutbox(limit = 200): Promise<number> {
  const pending = await db.outboxJob.findMany({
    where: { state: "PENDING", queue: LTI_SCORE_QUEUE },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, payload: true },
  });
  for (const row of pending) await enqueueLtiScoreJob(row);
  return pending.length;
}
