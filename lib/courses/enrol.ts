import { z } from "zod";
import type { CurrentUser } from "../auth";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { parseInput } from "../validation";

export const EnrolInputSchema = z.object({
  /** The course to join. */
  courseSlug: z
    .string()
    .max(100)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "That is not a course address."),
});

/**
 * Enrols the signed-in user in a published course as a learner. Enrolling twice is harmless, and
 * an existing enrolment (an instructor's included) is never changed.
 */
export async function enrol(
  user: Pick<CurrentUser, "id">,
  input: unknown,
): Promise<{ courseSlug: string; isNew: boolean }> {
  const { courseSlug } = parseInput(EnrolInputSchema, input, "You could not be enrolled.");
  const course = await db.course.findUnique({ where: { slug: courseSlug }, select: { id: true, isPublished: true } });
  if (!course?.isPublished) throw new NotFoundError("There is no such course to enrol in.");
  const existing = await db.enrolment.findUnique({
    where: { userId_courseId: { userId: user.id, courseId: course.id } },
    select: { id: true },
  });
  if (existing) return { courseSlug, isNew: false };
  await db.enrolment.upsert({
    where: { userId_courseId: { userId: user.id, courseId: course.id } },
    create: { userId: user.id, courseId: course.id, role: "LEARNER" },
    update: {},
  });
  return { courseSlug, isNew: true };
}
