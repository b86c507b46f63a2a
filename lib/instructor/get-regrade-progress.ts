import { z } from "zod";
import { db } from "../db";
import { requireTaughtAssignment, type Viewer } from "./course-access";
import { REGRADE_ALL_ACTION } from "./regrade-assignment";

const BatchDetailsSchema = z.object({ batchId: z.string(), submissionIds: z.array(z.string()) }).loose();

/**
 * How far the lab's latest "regrade all" has got: of its N submissions, how many are graded again
 * (passed, failed or errored) and how many still wait or run. Null when the lab was never regraded
 * as a whole. The batch is read back from its audit entry, which lists the submissions it re-queued.
 */
export async function getRegradeProgress({
  viewer,
  courseSlug,
  assignmentSlug,
}: {
  viewer: Viewer;
  courseSlug: string;
  assignmentSlug: string;
}) {
  const { assignment } = await requireTaughtAssignment(viewer, courseSlug, assignmentSlug);
  const entry = await db.auditLog.findFirst({
    where: { action: REGRADE_ALL_ACTION, targetType: "assignment", targetId: assignment.id },
    orderBy: { id: "desc" },
    select: { details: true, createdAt: true, actor: { select: { name: true } } },
  });
  const batch = BatchDetailsSchema.safeParse(entry?.details);
  if (!entry || !batch.success) return null;
  const ids = batch.data.submissionIds;
  const counts = await db.submission.groupBy({ by: ["status"], where: { id: { in: ids } }, _count: { _all: true } });
  const countOf = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
  const passed = countOf("PASSED");
  const failed = countOf("FAILED");
  const errored = countOf("ERROR");
  const done = passed + failed + errored;
  const waiting = countOf("QUEUED") + countOf("RUNNING");
  return {
    batchId: batch.data.batchId,
    requestedAt: entry.createdAt,
    requestedBy: entry.actor?.name ?? null,
    total: ids.length,
    done,
    passed,
    failed,
    errored,
    waiting,
    // Not `done === total`: a learner whose account was deleted takes their submissions along.
    isFinished: waiting === 0,
  };
}
export type RegradeProgress = NonNullable<Awaited<ReturnType<typeof getRegradeProgress>>>;
