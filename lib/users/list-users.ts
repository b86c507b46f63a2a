import { requireRole } from "../auth";
import { db } from "../db";

/** Every account, for admins only. */
export async function listUsers() {
  await requireRole("ADMIN");
  return db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
}
