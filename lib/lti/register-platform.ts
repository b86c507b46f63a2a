import { recordAudit } from "../audit/record-audit";
import { requireAdmin, type Viewer } from "../admin/require-admin";
import { isUniqueViolation } from "../certificates/prisma-errors";
import { db } from "../db";
import { ValidationError } from "../errors";
import { parseInput } from "../validation";
import { DUPLICATE_PLATFORM, FIX_FIELDS, PlatformFieldsSchema, platformRecordOf } from "./platform-input";

/**
 * Registers a platform an admin set up by hand in the LMS: its endpoints, the client id it gave
 * Gradient and the deployments whose launches are accepted. An issuer may hold several client ids
 * (one per developer key in Canvas), so only the pair must be new; a repeated pair is a field error.
 */
export async function registerPlatform({ viewer, input }: { viewer: Viewer; input: unknown }) {
  requireAdmin(viewer);
  const fields = parseInput(PlatformFieldsSchema, input);
  const record = platformRecordOf(fields);
  try {
    return await db.$transaction(async (tx) => {
      const platform = await tx.ltiPlatform.create({
        data: {
          ...record,
          registeredBy: "MANUAL",
          deployments: { create: fields.deploymentIds.map((deploymentId) => ({ deploymentId })) },
        },
        select: { id: true },
      });
      await recordAudit({
        tx,
        actorId: viewer.id,
        action: "lti.platform.register",
        targetType: "lti-platform",
        targetId: platform.id,
        details: { ...record, deploymentIds: fields.deploymentIds, registeredBy: "MANUAL" },
      });
      return { id: platform.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError(FIX_FIELDS, { clientId: [DUPLICATE_PLATFORM] });
    throw error;
  }
}
