import crypto from "node:crypto";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { ConflictError } from "../errors";
import type { SubmissionStatus } from "../generated/prisma/enums";
import { GRADING_QUEUE, REGRADE_PRIORITY } from "../queue/grading-queue";
import { relayOutbox } from "../queue/outbox-relay";
import { parseInput } from "../validation";
import { requireTaughtAssignment, type Viewer } from "./course-access";
import { regradeResetData } from "./regrade-state";
import { RegradeInputSchema } from "./schemas";
import { logger } from "../log";

export const REGRADE_ALL_ACTION = "assignment.regrade";

/** Keeps each statement's parameter list well under Postgres's limit of 65,535. */
const CHUNK = 1_000;
const RELAY_BATCH = 200;

export interface RegradeAssignmentOptions {
  viewer: Viewer;
  courseSlug: string;
  assignmentSlug: string;
  /** `{ reason }`, validated here. */
  input: unknown;
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) result.push(items.slice(start, start + CHUNK));
  return result;
}

/**
 * Grades every finished submission of a lab again, as one batch whose progress
 * getRegradeProgress reports. Submissions still queued or running are left alone: they are being
 * graded by the current grader already.
 */
export async function regradeAssignment({ viewer, courseSlug, assignmentSlug, input }: RegradeAssignmentOptions) {
  const { course, assignment } = await requireTaughtAssignment(viewer, courseSlug, assignmentSlug);
  const { reason } = parseInput(RegradeInputSchema, input);
  const batchId = crypto.randomUUID();

  const submissionIds = await db.$transaction(
    async (tx) => {
      // The row locks make a concurrent "regrade all" (or a worker) wait; rows it re-queued no
      // longer match the status test when this one re-reads them, so nothing is queued twice.
      const rows = await tx.$queryRaw<{ id: string; status: SubmissionStatus; score: number | null }[]>`
        SELECT id, status, score FROM "Submission"
        WHERE "assignmentId" = ${assignment.id} AND status IN ('PASSED', 'FAILED', 'ERROR')
        ORDER BY "createdAt" ASC
        FOR UPDATE`;
      if (rows.length === 0)
        throw new ConflictError("There is nothing to regrade: this lab has no finished submissions.");
      const ids = rows.map((row) => row.id);
      const now = new Date();
      for (const part of chunks(ids)) {
        await tx.submission.updateMany({ where: { id: { in: part } }, data: regradeResetData(now) });
        await tx.outboxJob.createMany({
          data: part.map((submissionId) => ({
            queue: GRADING_QUEUE,
            name: "grade",
            payload: { submissionId },
            priority: REGRADE_PRIORITY,
          })),
        });
      }
      await recordAudit({
        tx,
        actorId: viewer.id,
        action: REGRADE_ALL_ACTION,
        targetType: "assignment",
        targetId: assignment.id,
        courseId: course.id,
        details: {
          batchId,
          reason,
          total: ids.length,
          submissionIds: ids,
          previous: rows.map(({ id, status, score }) => ({ id, status, score })),
        },
      });
      return ids;
    },
    { timeout: 120_000 },
  );

  // Move the whole batch to the queue now so its progress starts; BullMQ's priorities, not the
  // relay's order, keep learners' new work ahead of it. Whatever fails here the sweeper relays.
  try {
    // A short batch means the outbox is drained; stopping there keeps a busy outbox from holding this request.
    while ((await relayOutbox(RELAY_BATCH)) === RELAY_BATCH);
  } catch (error) {
    logger.warn({ err: error, batchId }, "regrade queued in Postgres; enqueue deferred");
  }
  return { batchId, total: submissionIds.length };
}
