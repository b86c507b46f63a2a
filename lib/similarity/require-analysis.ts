// The analysis named in a URL, when it belongs to the lab named beside it and the viewer teaches that lab.
import { z } from "zod";
import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { requireTaughtAssignment, type Viewer } from "../instructor/course-access";

const IdSchema = z.string().regex(/^[a-z0-9]{20,40}$/);

/** What the pages show of an analysis: its settings, progress and counts. */
export const ANALYSIS_SELECT = {
  id: true,
  status: true,
  progress: true,
  basis: true,
  includesOtherRuns: true,
  threshold: true,
  archiveName: true,
  submissionCount: true,
  fileCount: true,
  pairCount: true,
  error: true,
  createdAt: true,
  finishedAt: true,
} as const;

export async function requireAnalysis(
  viewer: Viewer,
  { courseSlug, assignmentSlug, analysisId }: { courseSlug: string; assignmentSlug: string; analysisId: unknown },
  locale: Locale = "en",
) {
  const { course, assignment } = await requireTaughtAssignment(viewer, courseSlug, assignmentSlug, locale);
  const id = IdSchema.safeParse(analysisId);
  if (!id.success) throw new NotFoundError("There is no such similarity analysis.");
  const analysis = await db.similarityAnalysis.findFirst({
    where: { id: id.data, assignmentId: assignment.id },
    select: ANALYSIS_SELECT,
  });
  if (!analysis) throw new NotFoundError("There is no such similarity analysis.");
  return { course, assignment, analysis };
}

export const isIdLike = (value: unknown): value is string => IdSchema.safeParse(value).success;
