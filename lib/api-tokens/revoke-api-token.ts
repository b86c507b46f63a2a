import { z } from "zod";
import type { CurrentUser } from "../auth";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { NotFoundError } from "../errors";

const TokenIdSchema = z.string().regex(/^[a-z0-9]{10,40}$/);

/** Revokes one of `user`'s own tokens at once; someone else's token is reported as not found. */
export async function revokeApiToken({
  user,
  tokenId,
}: {
  user: Pick<CurrentUser, "id">;
  tokenId: unknown;
}): Promise<void> {
  const parsed = TokenIdSchema.safeParse(tokenId);
  if (!parsed.success) throw new NotFoundError("There is no such token.");
  await db.$transaction(async (tx) => {
    // The revokedAt condition makes a second revoke a no-op instead of moving the date.
    const { count } = await tx.apiToken.updateMany({
      where: { id: parsed.data, userId: user.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count > 0) {
      await recordAudit({
        tx,
        actorId: user.id,
        action: "api_token.revoke",
        targetType: "ApiToken",
        targetId: parsed.data,
      });
      return;
    }
    const exists = await tx.apiToken.findFirst({ where: { id: parsed.data, userId: user.id }, select: { id: true } });
    if (!exists) throw new NotFoundError("There is no such token.");
  });
}
