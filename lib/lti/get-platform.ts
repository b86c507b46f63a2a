import { requireAdmin, type Viewer } from "../admin/require-admin";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { NO_SUCH_PLATFORM, PlatformIdSchema } from "./platform-input";

/** One platform's registration as its edit form shows it; NotFoundError for an unknown or malformed id. */
export async function getPlatform({ viewer, platformId }: { viewer: Viewer; platformId: unknown }) {
  requireAdmin(viewer);
  const id = PlatformIdSchema.safeParse(platformId);
  if (!id.success) throw new NotFoundError(NO_SUCH_PLATFORM);
  const platform = await db.ltiPlatform.findUnique({
    where: { id: id.data },
    select: {
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
    },
  });
  if (!platform) throw new NotFoundError(NO_SUCH_PLATFORM);
  const { deployments, ...rest } = platform;
  return { ...rest, deploymentIds: deployments.map((deployment) => deployment.deploymentId) };
}
