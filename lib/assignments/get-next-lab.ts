// The lab that follows one in its course's syllabus, for the "next lab" link on a result page.
import { z } from "zod";
import type { CurrentUser } from "../auth";
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { canTeachCourse } from "../courses/roles";
import { db } from "../db";
import { NotFoundError } from "../errors";

type Viewer = Pick<CurrentUser, "id" | "role">;

const InputSchema = z.object({
  courseSlug: z
    .string()
    .max(100)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  labSlug: z
    .string()
    .max(100)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
});

/**
 * The next lab after `labSlug` in the course page's order, or null after the last one. Throws
 * NotFoundError for an unknown lab, or one of an unpublished course the viewer does not teach.
 */
export async function getNextLab({
  viewer,
  input,
  locale,
}: {
  viewer: Viewer;
  input: { courseSlug: string; labSlug: string };
  locale: Locale;
}): Promise<{ slug: string; title: string } | null> {
  const parsed = InputSchema.safeParse(input);
  if (!parsed.success) throw new NotFoundError("There is no such lab.");
  const course = await db.course.findUnique({
    where: { slug: parsed.data.courseSlug },
    select: { id: true, isPublished: true },
  });
  if (!course || (!course.isPublished && !(await canTeachCourse(viewer, course.id))))
    throw new NotFoundError("There is no such lab.");
  // The same order as the course page's list of labs.
  const labs = await db.assignment.findMany({
    where: { courseId: course.id },
    orderBy: [{ position: "asc" }, { slug: "asc" }],
    select: { slug: true, title: true },
  });
  const index = labs.findIndex((lab) => lab.slug === parsed.data.labSlug);
  if (index === -1) throw new NotFoundError("There is no such lab.");
  const next = labs[index + 1];
  return next ? { slug: next.slug, title: localize(next.title, locale) } : null;
}
