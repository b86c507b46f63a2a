import { AssignmentSpecSchema, type MetricSpec } from "../assignments/spec-schema";
import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import { parseInput } from "../validation";
import { requireTaughtCourse, type Viewer } from "./course-access";
import {
  previousResultIn,
  readRegradeSide,
  REGRADE_ACTION,
  REGRADE_RESULT_ACTION,
  type RegradeSide,
} from "./record-regrade-outcome";
import { AuditPageSchema } from "./schemas";

export const AUDIT_PAGE_SIZE = 50;

/** A regrade's result before and after, when the entry is about one; `after` is null while it waits. */
export interface RegradeChange {
  before: RegradeSide | null;
  after: RegradeSide | null;
  /** How the scores read (lib/submissions/format.ts); null when the lab's spec cannot be read. */
  metricName: MetricSpec["name"] | null;
}

/** The metric of each submission's lab version, so scores read as they do to the learner. */
async function metricNames(submissionIds: string[]) {
  const rows = submissionIds.length
    ? await db.submission.findMany({
        where: { id: { in: submissionIds } },
        select: { id: true, assignmentVersion: { select: { spec: true } } },
      })
    : [];
  return new Map(
    rows.map((row) => {
      const spec = AssignmentSpecSchema.safeParse(row.assignmentVersion.spec);
      return [row.id, spec.success ? spec.data.metric.name : null] as const;
    }),
  );
}

/** One page of a taught course's audit log, newest first: grades, extensions and certificates. */
export async function listCourseAuditLog({
  viewer,
  courseSlug,
  query,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  query: unknown;
  locale?: Locale;
}) {
  const course = await requireTaughtCourse(viewer, courseSlug, locale);
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
  const requests = entries.filter((entry) => entry.action === REGRADE_ACTION);
  const submissionIds = [
    ...new Set(entries.filter((entry) => entry.targetType === "submission").map((entry) => entry.targetId)),
  ];
  const [outcomes, metrics] = await Promise.all([
    // The outcome of a request on this page may be on a newer page: read them by request id.
    requests.length
      ? db.auditLog.findMany({
          where: {
            action: REGRADE_RESULT_ACTION,
            courseId: course.id,
            targetId: { in: requests.map((entry) => entry.targetId) },
          },
          select: { details: true },
        })
      : [],
    metricNames(submissionIds),
  ]);
  const outcomeOf = new Map(
    outcomes.map((outcome) => {
      const details = (outcome.details ?? {}) as { requestId?: unknown; current?: unknown };
      return [String(details.requestId), readRegradeSide(details.current)] as const;
    }),
  );
  const regradeOf = (entry: (typeof entries)[number]): RegradeChange | null => {
    const metricName = metrics.get(entry.targetId) ?? null;
    if (entry.action === REGRADE_ACTION)
      return {
        before: previousResultIn(entry.action, entry.details, entry.targetId),
        after: outcomeOf.get(entry.id.toString()) ?? null,
        metricName,
      };
    if (entry.action === REGRADE_RESULT_ACTION) {
      const details = (entry.details ?? {}) as { previous?: unknown; current?: unknown };
      return {
        before: readRegradeSide(details.previous),
        after: readRegradeSide(details.current),
        metricName,
      };
    }
    return null;
  };
  return {
    course: { slug: course.slug, title: course.title },
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    total,
    // BigInt ids do not cross into client components or JSON; strings do.
    entries: entries.map((entry) => ({ ...entry, id: entry.id.toString(), regrade: regradeOf(entry) })),
  };
}
