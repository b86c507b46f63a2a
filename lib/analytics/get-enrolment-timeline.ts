// Enrolment and completion over time for one course: learners enrolled per day (or week) and
// certificates issued, with running totals. A completion is a certificate issued and not revoked
// (a suspended one still counts: its holder did complete the course). Counting is done by Postgres;
// Prisma stores timestamps as UTC without a zone, so the day is read straight from the column.
import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import { requireTaughtCourse, type Viewer } from "../instructor/course-access";
import { cumulativeTimeline, type DayCount } from "./statistics";

/** The enrolment and completion timeline of a course `viewer` teaches. */
export async function getEnrolmentTimeline({
  viewer,
  courseSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  locale?: Locale;
}) {
  const course = await requireTaughtCourse(viewer, courseSlug, locale);
  const [enrolments, completions] = await Promise.all([
    db.$queryRaw<{ day: string; count: number }[]>`
      SELECT to_char("createdAt", 'YYYY-MM-DD') AS day, count(*)::int AS count
      FROM "Enrolment"
      WHERE "courseId" = ${course.id} AND role = 'LEARNER'
      GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ day: string; count: number }[]>`
      SELECT to_char("issuedAt", 'YYYY-MM-DD') AS day, count(*)::int AS count
      FROM "Certificate"
      WHERE "courseId" = ${course.id} AND "revokedAt" IS NULL
      GROUP BY 1 ORDER BY 1`,
  ]);
  const toCounts = (rows: { day: string; count: number }[]): DayCount[] =>
    rows.map((row) => ({ day: row.day, count: Number(row.count) }));
  const timeline = cumulativeTimeline(toCounts(enrolments), toCounts(completions));
  const last = timeline.points.at(-1);
  return {
    course,
    ...timeline,
    enrolledTotal: last?.enrolledTotal ?? 0,
    completedTotal: last?.completedTotal ?? 0,
  };
}
export type EnrolmentTimeline = Awaited<ReturnType<typeof getEnrolmentTimeline>>;
