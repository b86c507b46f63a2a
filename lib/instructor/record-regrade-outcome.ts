// When a regraded submission's new result is saved, the audit log gets the old and the new result
// side by side. The request entry (submission.regrade or assignment.regrade) keeps what the row said
// before; the audit table rejects updates, so the outcome is an entry of its own, by the platform.
import type { Prisma } from "../generated/prisma/client";
import { recordAudit } from "../audit/record-audit";
import { REGRADE_ALL_ACTION } from "./regrade-assignment";

export const REGRADE_ACTION = "submission.regrade";
export const REGRADE_RESULT_ACTION = "submission.regrade.result";

/** What a result looked like before or after a regrade, as the audit log keeps it. */
export interface RegradeSide {
  status: string;
  score: number | null;
}

/** A before or after result as an audit entry stored it; null for anything else. */
export function readRegradeSide(value: unknown): RegradeSide | null {
  if (typeof value !== "object" || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.status !== "string") return null;
  return { status: record.status, score: typeof record.score === "number" ? record.score : null };
}

/** The result a regrade request recorded for `submissionId` before it reset the row. */
export function previousResultIn(action: string, details: unknown, submissionId: string): RegradeSide | null {
  if (typeof details !== "object" || details === null) return null;
  const previous = (details as Record<string, unknown>).previous;
  if (action === REGRADE_ACTION) return readRegradeSide(previous);
  if (action === REGRADE_ALL_ACTION && Array.isArray(previous)) {
    const row: unknown = previous.find(
      (candidate: unknown) =>
        typeof candidate === "object" && candidate !== null && (candidate as { id?: unknown }).id === submissionId,
    );
    return readRegradeSide(row);
  }
  return null;
}

/**
 * Records the regrade's outcome, in the transaction that saves the new result; does nothing for a
 * submission that was never regraded.
 */
export async function recordRegradeOutcome(tx: Prisma.TransactionClient, submissionId: string): Promise<void> {
  const submission = await tx.submission.findUnique({
    where: { id: submissionId },
    select: { isRegrade: true, status: true, score: true, assignment: { select: { id: true, courseId: true } } },
  });
  if (!submission?.isRegrade) return;
  const request = await tx.auditLog.findFirst({
    where: {
      OR: [
        { action: REGRADE_ACTION, targetType: "submission", targetId: submissionId },
        {
          action: REGRADE_ALL_ACTION,
          targetType: "assignment",
          targetId: submission.assignment.id,
          details: { path: ["submissionIds"], array_contains: [submissionId] },
        },
      ],
    },
    orderBy: { id: "desc" },
    select: { id: true, action: true, details: true },
  });
  const previous = request ? previousResultIn(request.action, request.details, submissionId) : null;
  await recordAudit({
    tx,
    actorId: null,
    action: REGRADE_RESULT_ACTION,
    targetType: "submission",
    targetId: submissionId,
    courseId: submission.assignment.courseId,
    details: {
      requestId: request ? request.id.toString() : null,
      previous: previous ? { status: previous.status, score: previous.score } : null,
      current: { status: submission.status, score: submission.score },
    },
  });
}
