// A course's grades: every learner against every lab, with the best held-out score and whether
// any attempt passed. Used by the CSV export and the instructor pages.
import { z } from "zod";
import type { CurrentUser } from "../auth";
import { AssignmentSpecSchema } from "../assignments/spec-schema";
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { ForbiddenError, NotFoundError } from "../errors";
import { canTeachCourse } from "../submissions/get-submission";

type Viewer = Pick<CurrentUser, "id" | "role">;

const CourseSlugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export interface GradebookCell {
  /** Best score over every scored attempt (highest, or lowest for metrics like mse), null before any. */
  bestScore: number | null;
  isPassed: boolean;
  /** Attempts charged to the learner (platform failures excluded). */
  attempts: number;
}

/** The gradebook of one course, for its instructors and for admins only. */
export async function getGradebook(viewer: Viewer, courseSlug: string, locale: Locale = "en") {
  if (!CourseSlugSchema.safeParse(courseSlug).success) throw new NotFoundError("There is no such course.");
  const course = await db.course.findUnique({
    where: { slug: courseSlug },
    select: {
      id: true,
      slug: true,
      title: true,
      assignments: {
        orderBy: { position: "asc" },
        select: { id: true, slug: true, title: true, isGraded: true, versions: { orderBy: { version: "desc" }, take: 1, select: { spec: true } } },
      },
    },
  });
  if (!course) throw new NotFoundError("There is no such course.");
  if (!(await canTeachCourse(viewer, course.id))) throw new ForbiddenError("Only this course's instructors can see its grades.");

  const labs = course.assignments.flatMap((assignment) => {
    const version = assignment.versions[0];
    if (!version) return [];
    const { metric } = AssignmentSpecSchema.parse(version.spec);
    return [{ id: assignment.id, slug: assignment.slug, title: localize(assignment.title, locale), isGraded: assignment.isGraded, metric }];
  });
  const labIds = labs.map((lab) => lab.id);

  const [learners, scored, passed, charged] = await Promise.all([
    db.enrolment.findMany({
      where: { courseId: course.id, role: "LEARNER" },
      orderBy: [{ user: { name: "asc" } }, { user: { email: "asc" } }],
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
    db.submission.groupBy({
      by: ["userId", "assignmentId"],
      where: { assignmentId: { in: labIds }, score: { not: null } },
      _max: { score: true },
      _min: { score: true },
    }),
    db.submission.groupBy({ by: ["userId", "assignmentId"], where: { assignmentId: { in: labIds }, status: "PASSED" }, _count: { _all: true } }),
    db.submission.groupBy({
      by: ["userId", "assignmentId"],
      where: { assignmentId: { in: labIds }, OR: [{ failureKind: null }, { failureKind: "LEARNER" }] },
      _count: { _all: true },
    }),
  ]);
  const cellKey = (userId: string, assignmentId: string) => `${userId}/${assignmentId}`;
  const scores = new Map(scored.map((row) => [cellKey(row.userId, row.assignmentId), row]));
  const passes = new Set(passed.map((row) => cellKey(row.userId, row.assignmentId)));
  const attempts = new Map(charged.map((row) => [cellKey(row.userId, row.assignmentId), row._count._all]));

  return {
    course: { slug: course.slug, title: localize(course.title, locale) },
    labs: labs.map(({ slug, title, isGraded, metric }) => ({ slug, title, isGraded, metric })),
    rows: learners.map(({ user }) => ({
      learner: user,
      cells: labs.map((lab): GradebookCell => {
        const key = cellKey(user.id, lab.id);
        const score = scores.get(key);
        return {
          bestScore: (lab.metric.direction === "lower" ? score?._min.score : score?._max.score) ?? null,
          isPassed: passes.has(key),
          attempts: attempts.get(key) ?? 0,
        };
      }),
    })),
  };
}
export type Gradebook = Awaited<ReturnType<typeof getGradebook>>;
