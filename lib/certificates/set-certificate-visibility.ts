// The holder decides whether the verify page shows their name, score and evidence, or only
// that the certificate exists and is valid.
import { z } from "zod";
import type { CurrentUser } from "../auth";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { parseInput } from "../validation";
import { PublicIdSchema } from "./public-id";

export const SetCertificateVisibilitySchema = z.object({
  publicId: PublicIdSchema,
  /** Form fields arrive as text. */
  isPublic: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export async function setCertificateVisibility({
  actor,
  input,
}: {
  actor: CurrentUser;
  input: unknown;
}): Promise<void> {
  const { publicId, isPublic } = parseInput(SetCertificateVisibilitySchema, input);
  // Someone else's certificate is reported as missing, not forbidden: ids are not confirmed to strangers.
  const certificate = await db.certificate.findFirst({
    where: { publicId, userId: actor.id },
    select: { id: true, courseId: true },
  });
  if (!certificate) throw new NotFoundError("No such certificate among yours.");
  await db.$transaction(async (tx) => {
    await tx.certificate.update({ where: { id: certificate.id }, data: { isPublic } });
    await recordAudit({
      tx,
      actorId: actor.id,
      action: "certificate.visibility.change",
      targetType: "certificate",
      targetId: certificate.id,
      courseId: certificate.courseId,
      details: { publicId, isPublic },
    });
  });
}
