// One-time links for LTI Dynamic Registration. The admin hands the link to the LMS; whoever opens it
// may register a platform, so it is a secret: 32 random bytes, stored only as its sha256, usable
// once and for 24 hours. An invite is spent only when a platform has been saved with it, so a
// platform that refuses the registration leaves the link usable for another try.
import crypto from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import { recordAudit } from "../audit/record-audit";
import { requireAdmin, type Viewer } from "../admin/require-admin";
import { db } from "../db";
import { RegistrationProblem } from "./registration-problem";
import { dynamicRegistrationUrl } from "./tool-urls";

export const INVITE_LIFETIME_MS = 24 * 60 * 60 * 1000;

const hashOf = (token: string) => crypto.createHash("sha256").update(token, "utf8").digest("hex");

/** A new registration link; its token is returned here once and never stored. */
export async function createRegistrationInvite({ viewer, now = new Date() }: { viewer: Viewer; now?: Date }) {
  requireAdmin(viewer);
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_MS);
  const invite = await db.ltiRegistrationInvite.create({
    data: { tokenHash: hashOf(token), createdById: viewer.id, createdAt: now, expiresAt },
    select: { id: true },
  });
  await recordAudit({
    actorId: viewer.id,
    action: "lti.invite.create",
    targetType: "lti-registration-invite",
    targetId: invite.id,
    details: { expiresAt: expiresAt.toISOString() },
  });
  return { url: dynamicRegistrationUrl(token), token, expiresAt };
}

/** The invite a token names if it can still be used; RegistrationProblem("invite") otherwise. */
export async function findUsableInvite(token: string, now = new Date()) {
  // A token of another shape was never issued; it is refused without a query.
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new RegistrationProblem("invite");
  const invite = await db.ltiRegistrationInvite.findUnique({
    where: { tokenHash: hashOf(token) },
    select: { id: true, createdById: true, usedAt: true, expiresAt: true },
  });
  if (!invite || invite.usedAt || invite.expiresAt <= now) throw new RegistrationProblem("invite");
  return { id: invite.id, createdById: invite.createdById };
}

/**
 * Spends the invite for `platformId` inside the transaction that saved the platform; two
 * registrations racing on one link cannot both commit.
 */
export async function spendInvite(
  tx: Prisma.TransactionClient,
  inviteId: string,
  platformId: string,
  now = new Date(),
) {
  const spent = await tx.ltiRegistrationInvite.updateMany({
    where: { id: inviteId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now, platformId },
  });
  if (spent.count !== 1) throw new RegistrationProblem("invite");
}
