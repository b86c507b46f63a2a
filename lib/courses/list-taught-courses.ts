import { requireRole } from "../auth";
import { db } from "../db";
import { taughtCoursesWhere } from "./roles";

/** Courses the current instructor teaches (every course, for admins), with learner counts. */
export async function listTaughtCourses() {
  const user = await requireRole("INSTRUCTOR", "ADMIN");
  const courses = await db.course.findMany({
    where: taughtCoursesWhere(user),
    orderBy: { createdAt: "asc" },
    select: { id: true, slug: true, title: true, _count: { select: { assignments: true } } },
  });
  const learnerCounts = await db.enrolment.groupBy({
    by: ["courseId"],
    where: { courseId: { in: courses.map((course) => course.id) }, role: "LEARNER" },
    _count: { _all: true },
  });
  const countByCourse = new Map(learnerCounts.map((row) => [row.courseId, row._count._all]));
  return courses.map((course) => ({ ...course, learnerCount: countByCourse.get(course.id) ?? 0 }));
}
