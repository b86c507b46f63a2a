// The Gradient account of a platform's user: one per (platform, sub), found through LtiUser. A new
// account gets an address nobody can receive mail at and a password nobody knows, so it can only be
// reached through launches from that platform. An existing Gradient account is never linked by the
// email the platform sends: anyone who can set an email on some LMS would otherwise take it over.
import crypto from "node:crypto";
import { isUniqueViolation } from "../certificates/prisma-errors";
import { db } from "../db";
import { hashPassword } from "../users/password";
import type { LaunchClaims } from "./claims";
import type { SessionAccount } from "./session-cookie";

function accountHash(platformId: string, sub: string): string {
  return crypto.createHash("sha256").update(`${platformId}\n${sub}`).digest("hex");
}

/** The synthetic, unique address of the account of (platform, sub): `.invalid` is reserved (RFC 2606). */
export function syntheticEmail(platformId: string, sub: string): string {
  return `lti-${accountHash(platformId, sub).slice(0, 24)}@lti.invalid`;
}

/** The name the platform gives, else one made from the account's hash, so two nameless learners differ. */
export function displayNameOf(claims: LaunchClaims, platformId: string): string {
  const full = claims.name?.trim();
  if (full) return full.slice(0, 200);
  const parts = [claims.given_name?.trim(), claims.family_name?.trim()].filter(Boolean).join(" ");
  if (parts) return parts.slice(0, 200);
  return `Learner ${accountHash(platformId, claims.sub).slice(0, 6)}`;
}

async function findLinked(platformId: string, sub: string): Promise<SessionAccount | null> {
  const link = await db.ltiUser.findUnique({
    where: { platformId_sub: { platformId, sub } },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  return link?.user ?? null;
}

/** The account this launch signs in to, created on the user's first launch from this platform. */
export async function findOrCreateLtiAccount({
  platformId,
  claims,
  now = new Date(),
}: {
  platformId: string;
  claims: LaunchClaims;
  now?: Date;
}): Promise<SessionAccount & { isNew: boolean }> {
  const { sub } = claims;
  const profile = { name: claims.name ?? null, email: claims.email ?? null, lastLaunchAt: now };
  const existing = await findLinked(platformId, sub);
  if (existing) {
    await db.ltiUser.update({ where: { platformId_sub: { platformId, sub } }, data: profile });
    return { ...existing, isNew: false };
  }
  const passwordHash = await hashPassword(crypto.randomBytes(32).toString("base64url"));
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email: syntheticEmail(platformId, sub), name: displayNameOf(claims, platformId), passwordHash },
        select: { id: true, name: true, email: true },
      });
      await tx.ltiUser.create({ data: { platformId, sub, userId: created.id, ...profile } });
      return created;
    });
    return { ...user, isNew: true };
  } catch (error) {
    // Two first launches of one user at once (two tabs): the other made the account.
    if (!isUniqueViolation(error)) throw error;
    const raced = await findLinked(platformId, sub);
    if (!raced) throw error;
    return { ...raced, isNew: false };
  }
}
