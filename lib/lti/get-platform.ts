import { requireAdmin, type Viewer } from "../admin/require-admin";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { NotFoundError } from "../errors";
import { NO_SUCH_PLATFORM, PlatformIdSchema } from "./platform-input";

/** A platform's registration as the admin pages show it, its deployments in the order they were added. */
export const PLATFORM_REGISTRATION_SELECT = {
  id: true,
  name: true,
  issuer: true,
  clientId: true,
  authLoginUrl: true,
  accessTokenUrl: true,
  jwksUrl: true,
  authServer: true,
  frameOrigins: true,
  registeredBy: true,
  isEnabled: true,
  deployments: { select: { deploymentId: true }, orderBy: { createdAt: "asc" } },
} as const satisfies Prisma.LtiPlatformSelect;

/** One platform's registration as its edit form shows it; NotFoundError for an unknown or malformed id. */
export async function getPlatform({ viewer, platformId }: { viewer: Viewer; platformId: unknown }) {
  requireAdmin(viewer);
  const id = PlatformIdSchema.safeParse(platformId);
  if (!id.success) throw new NotFoundError(NO_SUCH_PLATFORM);
  const platform = await db.ltiPlatform.findUnique({
    where: { id: id.data },
    select: PLATFORM_REGISTRATION_SELECT,
  });
  if (!platform) throw new NotFoundError(NO_SUCH_PLATFORM);
  const { deployments, ...rest } = platform;
  return { ...rest, deploymentIds: deployments.map((deployment) => deployment.deploymentId) };
}
