// The learner disconnects an application: every grant they gave it ends, with all its tokens.
import { z } from "zod";
import type { CurrentUser } from "../auth";
import { db } from "../db";
import { ValidationError } from "../errors";
import { revokeGrant } from "./revoke-grant";

const ClientRowIdSchema = z.string().min(1).max(64);

/** Returns how many grants ended; 0 when nothing of this learner's was connected to it. */
export async function disconnectApp({
  user,
  clientRowId,
}: {
  user: CurrentUser;
  clientRowId: unknown;
}): Promise<number> {
  const parsed = ClientRowIdSchema.safeParse(clientRowId);
  if (!parsed.success) throw new ValidationError("That application is not known.");
  return db.$transaction(async (tx) => {
    // Only the learner's own grants are ever looked at, so another learner's cannot be touched.
    const grants = await tx.oAuthGrant.findMany({
      where: { userId: user.id, clientId: parsed.data, revokedAt: null },
      select: { id: true },
    });
    for (const grant of grants) await revokeGrant(tx, grant.id, "user_disconnected");
    return grants.length;
  });
}
