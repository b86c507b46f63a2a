import type { CurrentUser } from "../auth";
import { db } from "../db";

/** `user`'s tokens, newest first, with what the list shows; never the hash. */
export async function listApiTokens(user: Pick<CurrentUser, "id">, now = new Date()) {
  const rows = await db.apiToken.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
  return rows.map((row) => ({
    ...row,
    state: row.revokedAt
      ? ("revoked" as const)
      : row.expiresAt && row.expiresAt <= now
        ? ("expired" as const)
        : ("active" as const),
  }));
}
export type ApiTokenListItem = Awaited<ReturnType<typeof listApiTokens>>[number];
