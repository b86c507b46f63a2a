// Who teaches a course: an admin teaches every course; an instructor only the courses they are
// enrolled in as an instructor, so the platform role alone opens no course's gradebook.
import type { CurrentUser } from "../auth";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";

type Viewer = Pick<CurrentUser, "id" | "role">;

/** Whether `viewer` teaches the course (as its instructor) or administers the platform. */
export async function canTeachCourse(viewer: Viewer, courseId: string): Promise<boolean> {
  if (viewer.role !== "INSTRUCTOR") return viewer.role === "ADMIN";
  const enrolment = await db.enrolment.findUnique({
    where: { userId_courseId: { userId: viewer.id, courseId } },
    select: { role: true },
  });
  return teachesCourse(viewer, enrolment?.role ?? null);
}

/** canTeachCourse for a caller that has read the viewer's enrolment in the course already (null: none). */
export function teachesCourse(viewer: Viewer, enrolmentRole: "LEARNER" | "INSTRUCTOR" | null): boolean {
  return viewer.role === "ADMIN" || (viewer.role === "INSTRUCTOR" && enrolmentRole === "INSTRUCTOR");
}

/** The filter on courses that keeps the ones `viewer` teaches (all of them, for an admin). */
export function taughtCoursesWhere(viewer: Viewer) {
  return viewer.role === "ADMIN" ? {} : { enrolments: { some: { userId: viewer.id, role: "INSTRUCTOR" as const } } };
}

/** Enrols the user in the course with `role`, or changes the role of the enrolment they have. */
export async function setCourseRole(
  tx: Prisma.TransactionClient,
  { userId, courseId, role }: { userId: string; courseId: string; role: "LEARNER" | "INSTRUCTOR" },
) {
  await tx.enrolment.upsert({
    where: { userId_courseId: { userId, courseId } },
    create: { userId, courseId, role },
    update: { role },
  });
}
