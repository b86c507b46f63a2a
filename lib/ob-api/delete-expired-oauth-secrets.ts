// Authorization codes and tokens are kept only while they can matter: an expired one is refused
// anyway. Each is kept a day past its expiry, so a replay soon after still finds its row and is
// treated as a replay, and recent rows remain to look into. Run by the grader's periodic sweep.
import { db } from "../db";

/** How long an expired code or token outlives its expiry. */
export const EXPIRED_SECRET_RETENTION_MS = 24 * 60 * 60_000;

export async function deleteExpiredOAuthSecrets(now = Date.now()): Promise<{ codes: number; tokens: number }> {
  const expiredBefore = { expiresAt: { lt: new Date(now - EXPIRED_SECRET_RETENTION_MS) } };
  const [codes, tokens] = await db.$transaction([
    db.oAuthAuthorizationCode.deleteMany({ where: expiredBefore }),
    db.oAuthToken.deleteMany({ where: expiredBefore }),
  ]);
  return { codes: codes.count, tokens: tokens.count };
}
