import type { CurrentUser } from "../auth";
import { ForbiddenError } from "../errors";

export type Viewer = Pick<CurrentUser, "id" | "role">;

/**
 * Admin pages and actions take the viewer as an argument, so they are checked the same way from a page, an action or a
 * test.
 */
export function requireAdmin(viewer: Viewer): void {
  if (viewer.role !== "ADMIN") throw new ForbiddenError("Only admins can do this.");
}
