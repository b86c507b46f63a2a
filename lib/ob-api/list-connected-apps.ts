// The applications a learner has let into their credentials and still can reach them: one entry per
// client, however many times the learner approved it.
import type { CurrentUser } from "../auth";
import { db } from "../db";
import { splitScope, type SupportedScope, SUPPORTED_SCOPES } from "./scopes";

export interface ConnectedApp {
  /** Gradient's row id of the client. */
  clientRowId: string;
  name: string;
  clientUri: string;
  scopes: SupportedScope[];
  firstConnectedAt: Date;
  lastUsedAt: Date | null;
}

export async function listConnectedApps(user: CurrentUser, now = new Date()): Promise<ConnectedApp[]> {
  // A grant still counts while it holds a live token, or a code not yet redeemed.
  const grants = await db.oAuthGrant.findMany({
    where: {
      userId: user.id,
      revokedAt: null,
      OR: [
        { tokens: { some: { revokedAt: null, usedAt: null, expiresAt: { gt: now } } } },
        { codes: { some: { usedAt: null, expiresAt: { gt: now } } } },
      ],
    },
    orderBy: { createdAt: "asc" },
    select: {
      scope: true,
      createdAt: true,
      client: { select: { id: true, name: true, clientUri: true } },
      tokens: { select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  const apps = new Map<string, ConnectedApp>();
  for (const grant of grants) {
    const app = apps.get(grant.client.id) ?? {
      clientRowId: grant.client.id,
      name: grant.client.name,
      clientUri: grant.client.clientUri,
      scopes: [],
      firstConnectedAt: grant.createdAt,
      lastUsedAt: null,
    };
    const granted = new Set([...app.scopes, ...splitScope(grant.scope)]);
    app.scopes = SUPPORTED_SCOPES.filter((scope) => granted.has(scope));
    const tokenAt = grant.tokens[0]?.createdAt ?? null;
    if (tokenAt && (!app.lastUsedAt || tokenAt > app.lastUsedAt)) app.lastUsedAt = tokenAt;
    apps.set(grant.client.id, app);
  }
  return [...apps.values()];
}
