import { db } from "../db";
import { parseInput } from "../validation";
import { requireTaughtCourse, type Viewer } from "./course-access";
import { AuditPageSchema } from "./schemas";

export const AUDIT_PAGE_SIZE = 50;

/** One page of a taught course's audit log, newest first: grades, extensions and certificates. */
export async function listCourseAuditLog({
  viewer,
  courseSlug,
  query,
}: {
  viewer: Viewer;
  courseSlug: string;
  query: unknown;
}) {
  const course = await requireTaughtCourse(viewer, courseSlug);
  const { page } = parseInput(AuditPageSchema, query);
  const [total, entries] = await Promise.all([
    db.auditLog.count({ where: { courseId: course.id } }),
    db.auditLog.findMany({
      where: { courseId: course.id },
      orderBy: { id: "desc" },
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: {
        id: true,
        action: true,
        targetType: true,
        targetId: true,
        details: true,
        createdAt: true,
        actor: { select: { name: true, email: true } },
      },
    }),
  ]);
  return {
    course: { slug: course.slug, title: course.title },
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    total,
    // BigInt ids do not cross into client components or JSON; strings do.
    entries: entries.map((entry) => ({ ...entry, id: entry.id.toString() })),
  };
}
