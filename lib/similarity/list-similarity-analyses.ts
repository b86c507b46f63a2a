// The similarity analyses of one lab, newest first, for its instructors.
import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import { requireTaughtAssignment, type Viewer } from "../instructor/course-access";
import { ANALYSIS_SELECT } from "./require-analysis";

/** The page lists the newest analyses; older ones stay in the database. */
const LISTED_ANALYSES = 50;

export async function listSimilarityAnalyses({
  viewer,
  courseSlug,
  assignmentSlug,
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  assignmentSlug: string;
  locale?: Locale;
}) {
  const { course, assignment } = await requireTaughtAssignment(viewer, courseSlug, assignmentSlug, locale);
  const analyses = await db.similarityAnalysis.findMany({
    where: { assignmentId: assignment.id },
    orderBy: { createdAt: "desc" },
    take: LISTED_ANALYSES,
    select: {
      ...ANALYSIS_SELECT,
      _count: { select: { pairs: { where: { reviewState: "FLAGGED" } } } },
    },
  });
  return {
    course,
    assignment,
    analyses: analyses.map(({ _count, ...analysis }) => ({ ...analysis, flaggedCount: _count.pairs })),
  };
}
