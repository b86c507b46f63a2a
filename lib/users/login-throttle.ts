// Slows down password guessing: after a few failures for one email or one client address, each
// further attempt has to wait, twice as long each time, up to a cap. A success clears the email.
import { db } from "../db";

const FREE_FAILURES = 5;
const BASE_DELAY_SECONDS = 2;
const MAX_DELAY_SECONDS = 15 * 60;
// Failures older than this no longer count.
const WINDOW_MS = 60 * 60 * 1000;

export function throttleKeys(email: string, clientAddress: string | undefined): string[] {
  const keys = [`email:${email}`];
  if (clientAddress) keys.push(`address:${clientAddress}`);
  return keys;
}

/** Seconds the caller must still wait before another attempt, 0 when it may go ahead. */
export async function secondsUntilAllowed(keys: string[], now = new Date()): Promise<number> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys } } });
  let wait = 0;
  for (const row of rows) {
    if (row.blockedUntil && row.blockedUntil > now) {
      wait = Math.max(wait, Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000));
    }
  }
  return wait;
}

export function delayAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES));
}

export async function recordFailure(keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    await db.$transaction(async (tx) => {
      const row = await tx.loginThrottle.findUnique({ where: { key } });
      const isStale = !row || now.getTime() - row.lastFailureAt.getTime() > WINDOW_MS;
      const failures = isStale ? 1 : row.failures + 1;
      const delay = delayAfterFailures(failures);
      const blockedUntil = delay > 0 ? new Date(now.getTime() + delay * 1000) : null;
      await tx.loginThrottle.upsert({
        where: { key },
        create: { key, failures, lastFailureAt: now, blockedUntil },
        update: { failures, lastFailureAt: now, blockedUntil },
      });
    });
  }
}

export async function clearFailures(email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: `email:${email}` } });
}
