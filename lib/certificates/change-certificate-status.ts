// Revoking (final), suspending and reinstating a certificate: admins and the course's
// instructors only, always with a reason, always in the audit log. The status lists are built
// from these columns, so the change is public at the next fetch of the list.
import { z } from "zod";
import type { CurrentUser } from "../auth";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { recordLtiScoreJob } from "../queue/lti-score-outbox";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { parseInput } from "../validation";
import { canManageCertificates } from "./certificate-access";
import { PublicIdSchema } from "./public-id";

export const ChangeCertificateStatusSchema = z.object({
  publicId: PublicIdSchema,
  action: z.enum(["revoke", "suspend", "reinstate"]),
  /** Shown to the people who manage the certificate and kept in the audit log. */
  reason: z.string().trim().min(3, "Give a reason of at least 3 characters.").max(500),
});

export async function changeCertificateStatus({ actor, input }: { actor: CurrentUser; input: unknown }): Promise<void> {
  const { publicId, action, reason } = parseInput(ChangeCertificateStatusSchema, input);
  const certificate = await db.certificate.findUnique({
    where: { publicId },
    select: { id: true, userId: true, courseId: true, revokedAt: true, suspendedAt: true },
  });
  if (!certificate) throw new NotFoundError("No such certificate.");
  if (!(await canManageCertificates(actor, certificate.courseId)))
    throw new ForbiddenError("Only admins and the course's instructors can change a certificate's status.");
  if (certificate.revokedAt) throw new ConflictError("This certificate is revoked; revocation is final.");
  if (action === "suspend" && certificate.suspendedAt)
    throw new ConflictError("This certificate is already suspended.");
  if (action === "reinstate" && !certificate.suspendedAt) throw new ConflictError("This certificate is not suspended.");

  const now = new Date();
  const data =
    action === "revoke"
      ? { revokedAt: now, revocationReason: reason }
      : action === "suspend"
        ? { suspendedAt: now, suspensionReason: reason }
        : { suspendedAt: null, suspensionReason: null };
  await db.$transaction(async (tx) => {
    // The condition repeats the checks so two managers acting at once cannot both succeed.
    const updated = await tx.certificate.updateMany({
      where: {
        id: certificate.id,
        revokedAt: null,
        ...(action === "suspend"
          ? { suspendedAt: null }
          : action === "reinstate"
            ? { suspendedAt: { not: null } }
            : {}),
      },
      data,
    });
    if (updated.count !== 1)
      throw new ConflictError("Someone else changed this certificate's status just now; reload and try again.");
    await recordAudit({
      tx,
      actorId: actor.id,
      action: `certificate.${action}`,
      targetType: "certificate",
      targetId: certificate.id,
      courseId: certificate.courseId,
      details: { publicId, reason },
    });
    // A revoked or suspended certificate makes the LMS's course score 0, a reinstated one restores it.
    await recordLtiScoreJob(tx, { userId: certificate.userId, courseId: certificate.courseId });
  });
}
