import { requireAdmin, type Viewer } from "../admin/require-admin";
import { db } from "../db";
import type { LtiRegistrationKind } from "../generated/prisma/enums";

export interface PlatformSummary {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  authLoginUrl: string;
  accessTokenUrl: string;
  jwksUrl: string;
  authServer: string | null;
  frameOrigins: string[];
  registeredBy: LtiRegistrationKind;
  productFamily: string | null;
  isEnabled: boolean;
  createdAt: Date;
  deploymentIds: string[];
  /** Platform users who have launched (each linked to a Gradient account). */
  accountCount: number;
  /** Platform courses Gradient has been launched from. */
  contextCount: number;
}

/** Every registered platform, newest first, with its deployments and how much it has been used. */
export async function listPlatforms({ viewer }: { viewer: Viewer }): Promise<PlatformSummary[]> {
  requireAdmin(viewer);
  const rows = await db.ltiPlatform.findMany({
    orderBy: { createdAt: "desc" },
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
      productFamily: true,
      isEnabled: true,
      createdAt: true,
      deployments: { select: { deploymentId: true }, orderBy: { createdAt: "asc" } },
      _count: { select: { accounts: true, contexts: true } },
    },
  });
  return rows.map(({ deployments, _count, ...platform }) => ({
    ...platform,
    deploymentIds: deployments.map((deployment) => deployment.deploymentId),
    accountCount: _count.accounts,
    contextCount: _count.contexts,
  }));
}
