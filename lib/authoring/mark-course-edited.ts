import type { Prisma } from "../generated/prisma/client";

/**
 * A web edit makes the course differ from any files it came from, so the next import of those
 * files must not be skipped as unchanged: the hash it would be compared with is dropped.
 */
export async function markCourseEdited(tx: Prisma.TransactionClient, courseId: string): Promise<void> {
  await tx.course.update({ where: { id: courseId }, data: { contentHash: null } });
}
