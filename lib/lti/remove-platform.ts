import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { requireAdmin, type Viewer } from "../admin/require-admin";
import { db } from "../db";
import { ConflictError, NotFoundError } from "../errors";
import { parseInput } from "../validation";
import { NO_SUCH_PLATFORM, PlatformIdSchema } from "./platform-input";

export const RemovePlatformInputSchema = z.object({ platformId: PlatformIdSchema });

export const PLATFORM_IN_USE =
  "People have already launched Gradient from this platform: disable it instead. Removing it would cut their accounts off from the LMS, and registering it again would give everyone new, empty accounts.";

/**
 * Removes a platform nobody has launched from yet (a registration made by mistake, or a test).
 * Once launches have linked accounts and courses to it, removal is refused: deleting it would
 * cascade to those links, the rosters and the score posts, and the next launch after registering
 * it again would create a second, empty account for every learner. Disabling keeps all of that.
 */
export async function removePlatform({ viewer, input }: { viewer: Viewer; input: unknown }) {
  requireAdmin(viewer);
  const { platformId } = parseInput(RemovePlatformInputSchema, input);
  return db.$transaction(async (tx) => {
    // Locked so a launch cannot link a first account between the count and the delete.
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "LtiPlatform" WHERE id = ${platformId} FOR UPDATE`;
    if (locked.length === 0) throw new NotFoundError(NO_SUCH_PLATFORM);
    const platform = await tx.ltiPlatform.findUniqueOrThrow({
      where: { id: platformId },
      select: {
        issuer: true,
        clientId: true,
        name: true,
        deployments: { select: { deploymentId: true } },
        _count: { select: { accounts: true, contexts: true } },
      },
    });
    if (platform._count.accounts > 0 || platform._count.contexts > 0) throw new ConflictError(PLATFORM_IN_USE);
    await tx.ltiPlatform.delete({ where: { id: platformId } });
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: "lti.platform.remove",
      targetType: "lti-platform",
      targetId: platformId,
      details: {
        issuer: platform.issuer,
        clientId: platform.clientId,
        name: platform.name,
        deploymentIds: platform.deployments.map((deployment) => deployment.deploymentId),
      },
    });
    return { id: platformId };
  });
}
