// Ends a grant and every token issued under it: the learner disconnected the app, or a code or
// refresh token was replayed, which means someone else may hold it (RFC 6749 §4.1.2, §10.4).
import type { Prisma } from "../generated/prisma/client";

export type GrantRevocationReason = "user_disconnected" | "code_replayed" | "refresh_token_replayed" | "client_revoked";

export async function revokeGrant(tx: Prisma.TransactionClient, grantId: string, reason: GrantRevocationReason) {
  const now = new Date();
  await tx.oAuthGrant.updateMany({
    where: { id: grantId, revokedAt: null },
    data: { revokedAt: now, revocationReason: reason },
  });
  await tx.oAuthToken.updateMany({ where: { grantId, revokedAt: null }, data: { revokedAt: now } });
}
