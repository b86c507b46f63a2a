import type { CurrentUser } from "../auth";
import { db } from "../db";
import { hashToken, isWellFormedToken } from "./token-secret";
import { logger } from "../log";

/** How often lastUsedAt is written; a CLI polling every second should not write every second. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The owner of a live (not revoked, not expired) token, read fresh, or null for anything else. */
export async function findTokenOwner(token: string, now = new Date()): Promise<CurrentUser | null> {
  if (!isWellFormedToken(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true } },
    },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  // The row just read already says whether the stamp is fresh, so most requests skip the write;
  // the condition repeats it so concurrent requests write it once. The request does not wait for
  // it: the stamp is for the owner's token list, not for deciding anything.
  if (!row.lastUsedAt || row.lastUsedAt < staleBefore) {
    void db.apiToken
      .updateMany({
        where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
        data: { lastUsedAt: now },
      })
      .catch((error: unknown) => logger.warn({ err: error }, "token's last use not noted"));
  }
  return row.user;
}
