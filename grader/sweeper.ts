// No submission stays queued or running forever: every few seconds each worker moves pending
// outbox rows to the queue, and re-enqueues submissions whose job vanished (Redis lost it, or
// it failed while its worker was dying). A submission the platform cannot grade after several
// tries ends as a platform error, which never costs the learner an attempt.
import type { Queue } from "bullmq";
import { db } from "../lib/db";
import { GRADING_QUEUE, REGRADE_PRIORITY, type QueuePayload } from "../lib/queue/grading-queue";
import { relayOutbox } from "../lib/queue/outbox-relay";
import { notifySubmissionChanged } from "../lib/submissions/progress-channel";
import { graderConfig } from "./config";
import { RUNNING_STALE_MS } from "./process-grading-job";

const MAX_PLATFORM_RETRIES = 5;
const LIVE_JOB_STATES = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);
const BATCH = 200;

async function hasLiveJob(queue: Queue<QueuePayload>, submissionId: string): Promise<boolean> {
  const rows = await db.outboxJob.findMany({
    where: { queue: GRADING_QUEUE, payload: { path: ["submissionId"], equals: submissionId } },
    select: { id: true, state: true },
  });
  for (const row of rows) {
    if (row.state === "PENDING") return true;
    const job = await queue.getJob(row.id);
    if (job && LIVE_JOB_STATES.has(await job.getState())) return true;
  }
  return false;
}

export async function sweep(
  queue: Queue<QueuePayload>,
): Promise<{ relayed: number; requeued: number; abandoned: number }> {
  const relayed = await relayOutbox();
  const now = Date.now();
  const candidates = await db.submission.findMany({
    where: {
      OR: [
        { status: "RUNNING", updatedAt: { lt: new Date(now - RUNNING_STALE_MS) } },
        // Younger than the grace, its job is most likely on its way (GRADER_QUEUED_GRACE_SECONDS).
        { status: "QUEUED", updatedAt: { lt: new Date(now - graderConfig.queuedGraceMs) } },
      ],
    },
    orderBy: { updatedAt: "asc" },
    take: BATCH,
    select: { id: true, platformRetries: true, updatedAt: true, status: true, isRegrade: true },
  });
  let requeued = 0;
  let abandoned = 0;
  for (const submission of candidates) {
    if (await hasLiveJob(queue, submission.id)) continue;
    if (submission.platformRetries >= MAX_PLATFORM_RETRIES) {
      const ended = await db.submission.updateMany({
        where: { id: submission.id, updatedAt: submission.updatedAt },
        data: {
          status: "ERROR",
          failureKind: "PLATFORM",
          failureCode: "platform_gave_up",
          message:
            "The grader could not grade this submission after several tries. " +
            "This does not count as an attempt; please submit again.",
          finishedAt: new Date(),
        },
      });
      if (ended.count === 1) {
        abandoned++;
        await notifySubmissionChanged(submission.id);
      }
      continue;
    }
    // The conditional update makes concurrent sweepers on several workers requeue it once.
    const requeue = await db.$transaction(async (tx) => {
      const updated = await tx.submission.updateMany({
        where: { id: submission.id, updatedAt: submission.updatedAt, status: submission.status },
        data: { status: "QUEUED", message: "Re-queued after a platform problem", platformRetries: { increment: 1 } },
      });
      if (updated.count === 0) return false;
      await tx.outboxJob.create({
        data: {
          queue: GRADING_QUEUE,
          name: "grade",
          payload: { submissionId: submission.id },
          priority: submission.isRegrade ? REGRADE_PRIORITY : 0,
        },
      });
      return true;
    });
    if (requeue) requeued++;
  }
  if (requeued > 0) await relayOutbox();
  return { relayed, requeued, abandoned };
}
