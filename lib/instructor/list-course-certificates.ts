import { db } from "../db";
import { requireTaughtCourse, type Viewer } from "./course-access";

/**
 * The certificates a taught course has issued, newest first; revoking and reinstating happen on each one's verify page.
 */
export async function listCourseCertificates({ viewer, courseSlug }: { viewer: Viewer; courseSlug: string }) {
  const course = await requireTaughtCourse(viewer, courseSlug);
  const certificates = await db.certificate.findMany({
    where: { courseId: course.id },
    orderBy: { issuedAt: "desc" },
    take: 500,
    select: {
      publicId: true,
      holderName: true,
      issuedAt: true,
      score: true,
      passMark: true,
      revokedAt: true,
      suspendedAt: true,
      user: { select: { email: true } },
    },
  });
  return certificates.map((certificate) => ({
    ...certificate,
    status: certificate.revokedAt
      ? ("revoked" as const)
      : certificate.suspendedAt
        ? ("suspended" as const)
        : ("valid" as const),
  }));
}
