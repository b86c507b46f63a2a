import { db } from "../db";
import type { Viewer } from "../instructor/course-access";
import { NotificationParamsSchema } from "./record-notification";

/**
 * The viewer's latest notifications, as they were before this look (`isUnread`), and every one of them marked read:
 * opening the list is reading it.
 */
export async function openNotifications({ viewer }: { viewer: Viewer }) {
  const rows = await db.notification.findMany({
    where: { userId: viewer.id },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, kind: true, params: true, href: true, readAt: true, createdAt: true },
  });
  const unread = rows.filter((row) => row.readAt === null).map((row) => row.id);
  if (unread.length > 0)
    await db.notification.updateMany({
      where: { id: { in: unread }, userId: viewer.id },
      data: { readAt: new Date() },
    });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    params: NotificationParamsSchema.catch({ lab: {}, criterionKey: "", learner: "" }).parse(row.params),
    href: row.href,
    createdAt: row.createdAt,
    isUnread: row.readAt === null,
  }));
}
