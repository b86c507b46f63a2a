// Every instructor read and write starts here: it resolves the course (and lab) named in the URL
// and checks that the viewer teaches it (INSTRUCTOR enrolment) or is an admin. Course slugs are
// public, so an unknown one is a 404 and a course taught by others a 403.
import { z } from "zod";
import type { CurrentUser } from "../auth";
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { ForbiddenError, NotFoundError } from "../errors";
import { canTeachCourse } from "../courses/roles";

export type Viewer = Pick<CurrentUser, "id" | "role">;

const SlugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/** The course at `courseSlug`, when `viewer` teaches it or is an admin. */
export async function requireTaughtCourse(viewer: Viewer, courseSlug: string, locale: Locale = "en") {
  if (!SlugSchema.safeParse(courseSlug).success) throw new NotFoundError("There is no such course.");
  const course = await db.course.findUnique({
    where: { slug: courseSlug },
    select: { id: true, slug: true, title: true },
  });
  if (!course) throw new NotFoundError("There is no such course.");
  if (!(await canTeachCourse(viewer, course.id)))
    throw new ForbiddenError("Only the instructors of this course and admins can see this.");
  return { id: course.id, slug: course.slug, title: localize(course.title, locale) };
}

/** The lab `assignmentSlug` of a course `viewer` teaches, with the course; titles in `locale`. */
export async function requireTaughtAssignment(
  viewer: Viewer,
  courseSlug: string,
  assignmentSlug: string,
  locale: Locale = "en",
) {
  const course = await requireTaughtCourse(viewer, courseSlug, locale);
  if (!SlugSchema.safeParse(assignmentSlug).success) throw new NotFoundError("There is no such lab.");
  const assignment = await db.assignment.findUnique({
    where: { courseId_slug: { courseId: course.id, slug: assignmentSlug } },
    select: { id: true, slug: true, title: true, isGraded: true },
  });
  if (!assignment) throw new NotFoundError("There is no such lab.");
  return {
    course,
    assignment: {
      id: assignment.id,
      slug: assignment.slug,
      title: localize(assignment.title, locale),
      isGraded: assignment.isGraded,
    },
  };
}
