import { db } from "../db";

/** Published courses for the catalogue, with their size; anyone may list them. */
export async function listCourses() {
  return db.course.findMany({
    where: { isPublished: true },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      _count: { select: { lessons: true, assignments: true } },
    },
  });
}
