// The first-party fallback of a launch: when the browser refuses the iframe's cookie (Safari, or
// Chrome with every third-party cookie blocked), the launch page offers a link that opens Gradient
// in a tab of its own with a one-time ticket. The ticket is kept only as its sha256, lives five
// minutes, is spent in one conditional update, and names only a path on this site.
import crypto from "node:crypto";
import { db } from "../db";
import { safeReturnPath } from "../http/safe-return-path";
import { hashLaunchSecret } from "./launch-state";
import type { SessionAccount } from "./session-cookie";

export const SESSION_TICKET_TTL_MS = 5 * 60 * 1000;

export async function createSessionTicket({
  userId,
  targetPath,
  now = new Date(),
}: {
  userId: string;
  targetPath: string;
  now?: Date;
}): Promise<string> {
  // Redeeming redirects to it: anything but a path on this site would be an open redirect.
  if (safeReturnPath(targetPath, "") !== targetPath) throw new Error(`Not a path on this site: ${targetPath}`);
  const ticket = crypto.randomBytes(32).toString("base64url");
  await db.ltiSessionTicket.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.ltiSessionTicket.create({
    data: {
      tokenHash: hashLaunchSecret(ticket),
      userId,
      targetPath,
      expiresAt: new Date(now.getTime() + SESSION_TICKET_TTL_MS),
    },
  });
  return ticket;
}

/** The account and page of an unused, unexpired ticket, which is spent; null otherwise. */
export async function redeemSessionTicket(
  ticket: string,
  now = new Date(),
): Promise<{ account: SessionAccount; targetPath: string } | null> {
  const tokenHash = hashLaunchSecret(ticket);
  const claimed = await db.ltiSessionTicket.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) return null;
  const row = await db.ltiSessionTicket.findUnique({
    where: { tokenHash },
    select: { targetPath: true, user: { select: { id: true, name: true, email: true } } },
  });
  // Checked again on the way out: the row is data, and data can be changed by hand.
  if (!row || safeReturnPath(row.targetPath, "") !== row.targetPath) return null;
  return { account: row.user, targetPath: row.targetPath };
}
