import { db } from "../db";
import { requireUser } from "../auth";

/** What a learner sees on their dashboard: only their own enrolments, submissions and certificates. */
export async function getDashboard() {
  const user = await requireUser();
  const [enrolments, submissions, certificates] = await Promise.all([
    db.enrolment.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
      select: {
        role: true,
        course: {
          select: {
            slug: true,
            title: true,
            _count: { select: { lessons: true } },
          },
        },
      },
    }),
    db.submission.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: {
        id: true,
        status: true,
        score: true,
        createdAt: true,
        assignment: { select: { slug: true, title: true } },
      },
    }),
    db.certificate.findMany({
      where: { userId: user.id },
      orderBy: { issuedAt: "desc" },
      select: { publicId: true, issuedAt: true, revokedAt: true, course: { select: { title: true } } },
    }),
  ]);
  const completedLessons = await db.lessonProgress.groupBy({
    by: ["lessonId"],
    where: { userId: user.id },
  });
  return { user, enrolments, submissions, certificates, completedLessonCount: completedLessons.length };
}
