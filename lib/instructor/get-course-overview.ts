import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { requireTaughtCourse, type Viewer } from "./course-access";

/** A taught course's labs with how many submissions each has and how many are still being graded. */
export async function getCourseOverview({
  viewer,
  courseSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  locale?: Locale;
}) {
  const course = await requireTaughtCourse(viewer, courseSlug, locale);
  const [assignments, learnerCount] = await Promise.all([
    db.assignment.findMany({
      where: { courseId: course.id },
      orderBy: [{ position: "asc" }, { slug: "asc" }],
      select: {
        id: true,
        slug: true,
        title: true,
        isGraded: true,
        _count: { select: { submissions: true, extensions: true } },
      },
    }),
    db.enrolment.count({ where: { courseId: course.id, role: "LEARNER" } }),
  ]);
  const inFlight = await db.submission.groupBy({
    by: ["assignmentId"],
    where: {
      assignmentId: { in: assignments.map((assignment) => assignment.id) },
      status: { in: ["QUEUED", "RUNNING"] },
    },
    _count: { _all: true },
  });
  const inFlightByAssignment = new Map(inFlight.map((row) => [row.assignmentId, row._count._all]));
  return {
    course: { slug: course.slug, title: course.title },
    learnerCount,
    assignments: assignments.map((assignment) => ({
      slug: assignment.slug,
      title: localize(assignment.title, locale),
      isGraded: assignment.isGraded,
      submissionCount: assignment._count.submissions,
      extensionCount: assignment._count.extensions,
      inFlightCount: inFlightByAssignment.get(assignment.id) ?? 0,
    })),
  };
}
