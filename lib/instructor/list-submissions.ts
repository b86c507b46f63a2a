import type { Prisma } from "../generated/prisma/client";
import { AssignmentSpecSchema } from "../assignments/spec-schema";
import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import { parseInput } from "../validation";
import { requireTaughtAssignment, type Viewer } from "./course-access";
import { SubmissionFiltersSchema } from "./schemas";

export const SUBMISSIONS_PAGE_SIZE = 25;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ListSubmissionsOptions {
  viewer: Viewer;
  courseSlug: string;
  assignmentSlug: string;
  /** Raw filters (from the URL); invalid ones throw a ValidationError naming each field. */
  filters: unknown;
  locale?: Locale;
}

/** One page of a lab's submissions, newest first, narrowed by learner, status, score and day. */
export async function listSubmissions({
  viewer,
  courseSlug,
  assignmentSlug,
  filters: rawFilters,
  locale = "en",
}: ListSubmissionsOptions) {
  const { course, assignment } = await requireTaughtAssignment(viewer, courseSlug, assignmentSlug, locale);
  const filters = parseInput(SubmissionFiltersSchema, rawFilters, "Please correct the highlighted filters.");

  const where: Prisma.SubmissionWhereInput = { assignmentId: assignment.id };
  if (filters.learner) {
    where.user = {
      OR: [
        { name: { contains: filters.learner, mode: "insensitive" } },
        { email: { contains: filters.learner, mode: "insensitive" } },
      ],
    };
  }
  if (filters.status) where.status = filters.status;
  if (filters.minScore !== undefined || filters.maxScore !== undefined)
    where.score = { gte: filters.minScore, lte: filters.maxScore };
  if (filters.from || filters.to) {
    where.createdAt = {
      gte: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
      lt: filters.to ? new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
    };
  }

  const [total, rows, latest] = await Promise.all([
    db.submission.count({ where }),
    db.submission.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * SUBMISSIONS_PAGE_SIZE,
      take: SUBMISSIONS_PAGE_SIZE,
      select: {
        id: true,
        attemptNumber: true,
        status: true,
        failureKind: true,
        score: true,
        threshold: true,
        isRegrade: true,
        source: true,
        createdAt: true,
        finishedAt: true,
        user: { select: { id: true, name: true, email: true } },
      },
    }),
    db.assignmentVersion.findFirst({
      where: { assignmentId: assignment.id },
      orderBy: { version: "desc" },
      select: { spec: true },
    }),
  ]);
  return {
    course: { slug: course.slug, title: course.title },
    assignment,
    /** How scores read (lib/submissions/format.ts), as the learner sees them; every version grades one metric. */
    metricName: AssignmentSpecSchema.safeParse(latest?.spec).data?.metric.name ?? null,
    filters,
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / SUBMISSIONS_PAGE_SIZE)),
    submissions: rows,
  };
}
export type SubmissionList = Awaited<ReturnType<typeof listSubmissions>>;
