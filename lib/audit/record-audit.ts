import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";

export interface RecordAuditOptions {
  actorId: string | null;
  /** Verb-first, dotted: "certificate.revoke", "user.role.change", "submission.regrade". */
  action: string;
  targetType: string;
  targetId: string;
  courseId?: string | null;
  details?: Prisma.InputJsonValue;
  /** Run inside the caller's transaction so the action and its record commit together. */
  tx?: Prisma.TransactionClient;
}

/** Appends one entry to the audit log (the table rejects updates and deletes). */
export async function recordAudit({
  tx,
  actorId,
  action,
  targetType,
  targetId,
  courseId = null,
  details = {},
}: RecordAuditOptions) {
  await (tx ?? db).auditLog.create({ data: { actorId, action, targetType, targetId, courseId, details } });
}
