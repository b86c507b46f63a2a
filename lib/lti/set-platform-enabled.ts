import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { requireAdmin, type Viewer } from "../admin/require-admin";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { parseInput } from "../validation";
import { NO_SUCH_PLATFORM, PlatformIdSchema } from "./platform-input";

export const SetPlatformEnabledInputSchema = z.object({
  platformId: PlatformIdSchema,
  /** false: launches from the platform are refused until it is enabled again; nothing is deleted. */
  isEnabled: z.preprocess((value) => value === true || value === "true", z.boolean()),
});

/** Turns a platform's launches off or back on: the reversible alternative to removing it. */
export async function setPlatformEnabled({ viewer, input }: { viewer: Viewer; input: unknown }) {
  requireAdmin(viewer);
  const { platformId, isEnabled } = parseInput(SetPlatformEnabledInputSchema, input);
  return db.$transaction(async (tx) => {
    const platform = await tx.ltiPlatform.findUnique({
      where: { id: platformId },
      select: { isEnabled: true, issuer: true, clientId: true, name: true },
    });
    if (!platform) throw new NotFoundError(NO_SUCH_PLATFORM);
    if (platform.isEnabled === isEnabled) return { id: platformId, isEnabled, isChanged: false };
    await tx.ltiPlatform.update({ where: { id: platformId }, data: { isEnabled } });
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: "lti.platform.update",
      targetType: "lti-platform",
      targetId: platformId,
      details: { issuer: platform.issuer, clientId: platform.clientId, name: platform.name, isEnabled },
    });
    return { id: platformId, isEnabled, isChanged: true };
  });
}
