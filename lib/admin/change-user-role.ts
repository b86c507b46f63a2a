import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { parseInput } from "../validation";
import { requireAdmin, type Viewer } from "./require-admin";

export const ChangeRoleInputSchema = z.object({
  userId: z.string({ error: "Choose an account." }).regex(/^[a-z0-9]{10,40}$/, "Choose an account."),
  role: z.enum(["LEARNER", "INSTRUCTOR", "ADMIN"], { error: "Choose learner, instructor or admin." }),
});

/**
 * Sets an account's platform role. The platform always keeps at least one admin: the last one
 * cannot step down (nor be demoted), or nobody could manage roles any more.
 */
export async function changeUserRole({ viewer, input }: { viewer: Viewer; input: unknown }) {
  requireAdmin(viewer);
  const { userId, role } = parseInput(ChangeRoleInputSchema, input);
  return db.$transaction(async (tx) => {
    // Locking every admin row serialises role changes that could each remove "another" admin.
    const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE role = 'ADMIN' FOR UPDATE`;
    const target = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, email: true } });
    if (!target) throw new NotFoundError("There is no such account.");
    if (target.role === role) return { id: target.id, role, isChanged: false };
    if (target.role === "ADMIN" && admins.length <= 1) {
      const message =
        target.id === viewer.id
          ? "You are the last admin: make someone else an admin before stepping down."
          : "This is the last admin account.";
      throw new ValidationError(message, { role: [message] });
    }
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: "user.role.change",
      targetType: "user",
      targetId: userId,
      details: { email: target.email, from: target.role, to: role },
    });
    return { id: target.id, role, isChanged: true };
  });
}
