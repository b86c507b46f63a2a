import type { CurrentUser } from "../auth";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { ConflictError } from "../errors";
import { parseInput } from "../validation";
import { CreateApiTokenSchema } from "./token-input";
import { generateTokenSecret } from "./token-secret";

/** Keeps a leaked session from minting an unbounded number of tokens. */
export const MAX_ACTIVE_TOKENS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CreateApiTokenOptions {
  user: Pick<CurrentUser, "id">;
  input: unknown;
  now?: Date;
}

/**
 * Mints a personal access token for `user`. Only its hash is stored; the returned `token` is the
 * one time the secret exists outside the caller's hands. The token acts with its owner's role as
 * it is at each request, so it can never do more than its owner currently may.
 */
export async function createApiToken({ user, input, now = new Date() }: CreateApiTokenOptions) {
  const { name, expiresInDays } = parseInput(CreateApiTokenSchema, input, "The token was not created.");
  const expiresAt = expiresInDays === "never" ? null : new Date(now.getTime() + Number(expiresInDays) * DAY_MS);
  const { token, tokenHash, prefix } = generateTokenSecret();

  const created = await db.$transaction(async (tx) => {
    // Serialises one user's token creations, so two at once cannot both pass the cap.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${user.id} FOR UPDATE`;
    const active = await tx.apiToken.count({
      where: { userId: user.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    });
    if (active >= MAX_ACTIVE_TOKENS) {
      throw new ConflictError(
        `You already have ${MAX_ACTIVE_TOKENS} active tokens; revoke one you no longer use first.`,
      );
    }
    const row = await tx.apiToken.create({
      data: { userId: user.id, name, tokenHash, prefix, expiresAt },
      select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true },
    });
    await recordAudit({
      tx,
      actorId: user.id,
      action: "api_token.create",
      targetType: "ApiToken",
      targetId: row.id,
      details: { name, prefix, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return row;
  });
  return { ...created, token };
}
