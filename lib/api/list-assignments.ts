import type { z } from "zod";
import type { CurrentUser } from "../auth";
import { AssignmentSpecSchema } from "../assignments/spec-schema";
import type { Locale } from "../courses/content-schema";
import { localize } from "../courses/localize";
import { db } from "../db";
import { CHARGED_ATTEMPT_FILTER, effectiveLimits } from "../submissions/attempt-policy";
import type { AssignmentSummarySchema } from "./schemas";

type Viewer = Pick<CurrentUser, "id" | "role">;

/** The labs of `viewer`'s courses (every course for admins) and where `viewer` stands in each. */
export async function listAssignments(
  viewer: Viewer,
  locale: Locale = "en",
  now = new Date(),
): Promise<z.input<typeof AssignmentSummarySchema>[]> {
  const assignments = await db.assignment.findMany({
    where: viewer.role === "ADMIN" ? {} : { course: { enrolments: { some: { userId: viewer.id } } } },
    orderBy: [{ course: { createdAt: "asc" } }, { position: "asc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      isGraded: true,
      course: { select: { slug: true, title: true, deadline: true } },
      versions: { orderBy: { version: "desc" }, take: 1, select: { spec: true, deadline: true, maxAttempts: true } },
      extensions: { where: { userId: viewer.id }, select: { deadline: true, extraAttempts: true } },
    },
  });
  const ids = assignments.map((assignment) => assignment.id);
  // One grouped count instead of one per lab, with chargedAttemptsWhere's rule.
  const charged = await db.submission.groupBy({
    by: ["assignmentId"],
    where: { userId: viewer.id, assignmentId: { in: ids }, ...CHARGED_ATTEMPT_FILTER },
    _count: { _all: true },
  });
  const usedByAssignment = new Map(charged.map((row) => [row.assignmentId, row._count._all]));

  return assignments.flatMap((assignment) => {
    const version = assignment.versions[0];
    if (!version) return [];
    const spec = AssignmentSpecSchema.parse(version.spec);
    const limits = effectiveLimits({
      version,
      courseDeadline: assignment.course.deadline,
      extension: assignment.extensions[0] ?? null,
    });
    const attemptsUsed = usedByAssignment.get(assignment.id) ?? 0;
    return [
      {
        course: { slug: assignment.course.slug, title: localize(assignment.course.title, locale) },
        slug: assignment.slug,
        title: localize(assignment.title, locale),
        isGraded: assignment.isGraded,
        metric: { name: spec.metric.name, direction: spec.metric.direction, threshold: spec.metric.threshold },
        budget: {
          maxEpochs: spec.budget.maxEpochs,
          trainingSeconds: spec.budget.trainingSeconds,
          maxCodeBytes: spec.budget.maxCodeBytes,
        },
        maxAttempts: limits.maxAttempts,
        attemptsUsed,
        attemptsLeft: limits.maxAttempts === null ? null : Math.max(0, limits.maxAttempts - attemptsUsed),
        deadline: limits.deadline?.toISOString() ?? null,
        isPastDeadline: limits.deadline !== null && limits.deadline.getTime() < now.getTime(),
      },
    ];
  });
}
