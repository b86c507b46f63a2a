// Who may author what: creating a course takes an instructor or an admin; changing one takes an
// instructor of that course (an INSTRUCTOR enrolment) or an admin. Every authoring function calls
// one of these first, because server actions and route handlers are public endpoints.
import { z } from "zod";
import type { CurrentUser } from "../auth";
import { db } from "../db";
import { ForbiddenError, NotFoundError } from "../errors";
import { canTeachCourse } from "../courses/roles";

export type Viewer = Pick<CurrentUser, "id" | "role">;

export const SlugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case words joined by hyphens");

export function requireAuthor(viewer: Viewer): void {
  if (viewer.role !== "INSTRUCTOR" && viewer.role !== "ADMIN")
    throw new ForbiddenError("Only instructors and admins can author courses.");
}

/** The course at `courseSlug` when `viewer` may edit it: 404 for no such course, 403 for someone else's. */
export async function requireEditableCourse(viewer: Viewer, courseSlug: string): Promise<{ id: string; slug: string }> {
  requireAuthor(viewer);
  if (!SlugSchema.safeParse(courseSlug).success) throw new NotFoundError("There is no such course.");
  const course = await db.course.findUnique({ where: { slug: courseSlug }, select: { id: true, slug: true } });
  if (!course) throw new NotFoundError("There is no such course.");
  if (!(await canTeachCourse(viewer, course.id)))
    throw new ForbiddenError("Only the instructors of this course and admins can edit it.");
  return course;
}
