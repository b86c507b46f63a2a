import { db } from "../db";
import type { Viewer } from "../instructor/course-access";

/** How many notifications the viewer has not opened yet, for the header's badge. */
export async function countUnreadNotifications({ viewer }: { viewer: Viewer }): Promise<number> {
  return db.notification.count({ where: { userId: viewer.id, readAt: null } });
}
