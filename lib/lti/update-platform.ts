import { recordAudit } from "../audit/record-audit";
import { requireAdmin, type Viewer } from "../admin/require-admin";
import { isUniqueViolation } from "../certificates/prisma-errors";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { parseInput } from "../validation";
import {
  DUPLICATE_PLATFORM,
  FIX_FIELDS,
  NO_SUCH_PLATFORM,
  PlatformFieldsSchema,
  PlatformIdSchema,
  platformRecordOf,
} from "./platform-input";

export const UpdatePlatformInputSchema = PlatformFieldsSchema.extend({ platformId: PlatformIdSchema });

/**
 * Changes a registered platform: its fields, and its deployments replaced by the list given.
 * Deployments kept keep their rows; launches from a deployment taken off the list are refused from
 * then on, while the contexts and links they made stay (they are keyed by the platform).
 */
export async function updatePlatform({ viewer, input }: { viewer: Viewer; input: unknown }) {
  requireAdmin(viewer);
  const { platformId, ...fields } = parseInput(UpdatePlatformInputSchema, input);
  const record = platformRecordOf(fields);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.ltiPlatform.findUnique({
        where: { id: platformId },
        select: { deployments: { select: { deploymentId: true } } },
      });
      if (!before) throw new NotFoundError(NO_SUCH_PLATFORM);
      const previous = before.deployments.map((deployment) => deployment.deploymentId);
      await tx.ltiPlatform.update({ where: { id: platformId }, data: record });
      await tx.ltiDeployment.deleteMany({ where: { platformId, deploymentId: { notIn: fields.deploymentIds } } });
      const added = fields.deploymentIds.filter((deploymentId) => !previous.includes(deploymentId));
      await tx.ltiDeployment.createMany({ data: added.map((deploymentId) => ({ platformId, deploymentId })) });
      await recordAudit({
        tx,
        actorId: viewer.id,
        action: "lti.platform.update",
        targetType: "lti-platform",
        targetId: platformId,
        details: {
          ...record,
          deploymentIds: fields.deploymentIds,
          deploymentsRemoved: previous.filter((deploymentId) => !fields.deploymentIds.includes(deploymentId)),
          deploymentsAdded: added,
        },
      });
      return { id: platformId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError(FIX_FIELDS, { clientId: [DUPLICATE_PLATFORM] });
    throw error;
  }
}
