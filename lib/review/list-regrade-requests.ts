import { rubricOf } from "../assignments/rubric";
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { requireTaughtCourse, type Viewer } from "../instructor/course-access";

/** A course's regrade requests for its instructors: the open ones first (oldest first), then the latest answered. */
export async function listRegradeRequests({
  viewer,
  courseSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  locale?: Locale;
}) {
  const course = await requireTaughtCourse(viewer, courseSlug, locale);
  const select = {
    id: true,
    submissionId: true,
    criterionKey: true,
    reason: true,
    status: true,
    answerKind: true,
    answer: true,
    createdAt: true,
    answeredAt: true,
    submission: {
      select: {
        attemptNumber: true,
        user: { select: { id: true, name: true, email: true } },
        assignment: {
          select: {
            slug: true,
            title: true,
            versions: { orderBy: { version: "desc" }, take: 1, select: { spec: true } },
          },
        },
      },
    },
  } as const;
  const [open, answered] = await Promise.all([
    db.regradeRequest.findMany({
      where: { courseId: course.id, status: "OPEN" },
      orderBy: { createdAt: "asc" },
      take: 200,
      select,
    }),
    db.regradeRequest.findMany({
      where: { courseId: course.id, status: { not: "OPEN" } },
      orderBy: { answeredAt: "desc" },
      take: 50,
      select,
    }),
  ]);
  const shape = (row: (typeof open)[number]) => ({
    ...row,
    learner: row.submission.user,
    lab: { slug: row.submission.assignment.slug, title: localize(row.submission.assignment.title, locale) },
    attemptNumber: row.submission.attemptNumber,
    /** The criterion's title in `locale`; "" for the whole attempt, the key for a criterion the rubric no longer has. */
    criterionTitle: row.criterionKey
      ? (rubricOf(row.submission.assignment.versions[0]?.spec)?.criteria.find(
          (criterion) => criterion.key === row.criterionKey,
        )?.title[locale] ?? row.criterionKey)
      : "",
  });
  return { course, open: open.map(shape), answered: answered.map(shape) };
}
