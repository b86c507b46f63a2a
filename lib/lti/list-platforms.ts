import { requireAdmin, type Viewer } from "../admin/require-admin";
import { db } from "../db";
import { PLATFORM_REGISTRATION_SELECT } from "./get-platform";
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
      ...PLATFORM_REGISTRATION_SELECT,
      productFamily: true,
      createdAt: true,
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
