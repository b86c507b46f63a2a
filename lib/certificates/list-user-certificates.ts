import { db } from "../db";
import { localize } from "../courses/localize";

/** Certificates issued in the last week are flagged, so the learner notices a new one. */
const NEW_FOR_MS = 7 * 24 * 60 * 60 * 1000;

export async function listUserCertificates(userId: string) {
  const rows = await db.certificate.findMany({
    where: { userId },
    orderBy: { issuedAt: "desc" },
    select: {
      publicId: true,
      issuedAt: true,
      score: true,
      passMark: true,
      isPublic: true,
      revokedAt: true,
      suspendedAt: true,
      course: { select: { title: true } },
    },
  });
  const now = Date.now();
  return rows.map(({ course, ...row }) => ({
    ...row,
    courseTitle: localize(course.title),
    isNew: now - row.issuedAt.getTime() < NEW_FOR_MS,
  }));
}
