import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { setCourseRole } from "../courses/roles";
import { db } from "../db";
import { ValidationError } from "../errors";
import { parseInput } from "../validation";
import { requireAdmin, type Viewer } from "./require-admin";

export const CourseInstructorInputSchema = z.object({
  userId: z.string({ error: "Choose an account." }).regex(/^[a-z0-9]{10,40}$/, "Choose an account."),
  courseSlug: z.string({ error: "Choose a course." }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Choose a course."),
  /** true: teaches the course; false: back to an ordinary enrolment. */
  isInstructor: z.preprocess((value) => value === true || value === "true" || value === "on", z.boolean()),
});

/**
 * Makes an account an instructor of one course, or takes that away. Instructor pages check the
 * course enrolment (lib/courses/roles.ts), so the platform role alone opens no course's gradebook.
 */
export async function setCourseInstructor({ viewer, input }: { viewer: Viewer; input: unknown }) {
  requireAdmin(viewer);
  const { userId, courseSlug, isInstructor } = parseInput(CourseInstructorInputSchema, input);
  const [user, course] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { id: true, role: true, email: true } }),
    db.course.findUnique({ where: { slug: courseSlug }, select: { id: true } }),
  ]);
  const fieldErrors: Record<string, string[]> = {};
  if (!user) fieldErrors.userId = ["There is no such account."];
  else if (isInstructor && user.role === "LEARNER")
    fieldErrors.userId = ["Give this account the instructor role first."];
  if (!course) fieldErrors.courseSlug = ["There is no such course."];
  if (!user || !course || Object.keys(fieldErrors).length > 0)
    throw new ValidationError("Please correct the highlighted fields.", fieldErrors);

  const role = isInstructor ? "INSTRUCTOR" : "LEARNER";
  const isChanged = await db.$transaction(async (tx) => {
    const existing = await tx.enrolment.findUnique({
      where: { userId_courseId: { userId, courseId: course.id } },
      select: { role: true },
    });
    // Taking away a course someone never taught changes nothing, and enrols nobody.
    if ((existing?.role ?? null) === role || (!existing && !isInstructor)) return false;
    await setCourseRole(tx, { userId, courseId: course.id, role });
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: isInstructor ? "course.instructor.add" : "course.instructor.remove",
      targetType: "user",
      targetId: userId,
      courseId: course.id,
      details: { email: user.email, courseSlug },
    });
    return true;
  });
  return { userId, courseSlug, role, isChanged };
}
