import { db } from "../db";
import { requireAdmin, type Viewer } from "./require-admin";

/** Every account with its role and the courses it teaches, for the admin's users page. */
export async function listAccounts({ viewer }: { viewer: Viewer }) {
  requireAdmin(viewer);
  const users = await db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      enrolments: { where: { role: "INSTRUCTOR" }, select: { course: { select: { slug: true } } } },
    },
  });
  return users.map(({ enrolments, ...user }) => ({
    ...user,
    teaches: enrolments.map((enrolment) => enrolment.course.slug),
  }));
}
