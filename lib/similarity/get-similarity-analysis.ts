// One analysis with one page of its pairs, highest score first, both sides named.
import { z } from "zod";
import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import type { Viewer } from "../instructor/course-access";
import { describeSides, sideKey } from "./describe-sides";
import { requireAnalysis } from "./require-analysis";
import { PAIRS_PER_PAGE } from "./similarity-constants";
import { thresholdFrom } from "./threshold";

const PageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

export async function getSimilarityAnalysis({
  viewer,
  courseSlug,
  assignmentSlug,
  analysisId,
  query = {},
  locale = "en",
}: {
  viewer: Viewer;
  courseSlug: string;
  assignmentSlug: string;
  analysisId: unknown;
  /** The page's search parameters: page, threshold. */
  query?: Record<string, string | undefined>;
  locale?: Locale;
}) {
  const found = await requireAnalysis(viewer, { courseSlug, assignmentSlug, analysisId }, locale);
  const { analysis } = found;
  const threshold = thresholdFrom(query.threshold, analysis.threshold);
  const total = await db.similarityPair.count({ where: { analysisId: analysis.id } });
  const aboveThreshold = await db.similarityPair.count({
    where: { analysisId: analysis.id, score: { gte: threshold } },
  });
  const pageCount = Math.max(1, Math.ceil(total / PAIRS_PER_PAGE));
  const page = Math.min(PageSchema.parse(query.page ?? 1), pageCount);
  const rows = await db.similarityPair.findMany({
    where: { analysisId: analysis.id },
    orderBy: [{ score: "desc" }, { longestFragment: "desc" }, { id: "asc" }],
    skip: (page - 1) * PAIRS_PER_PAGE,
    take: PAIRS_PER_PAGE,
    select: {
      id: true,
      score: true,
      longestFragment: true,
      reviewState: true,
      leftSubmissionId: true,
      leftArchivePath: true,
      rightSubmissionId: true,
      rightArchivePath: true,
    },
  });
  const sides = await describeSides(rows, locale);
  const pairs = rows.flatMap((row) => {
    const left = sides.get(sideKey(row.leftSubmissionId, row.leftArchivePath));
    const right = sides.get(sideKey(row.rightSubmissionId, row.rightArchivePath));
    if (!left || !right) return [];
    return [
      { id: row.id, score: row.score, longestFragment: row.longestFragment, reviewState: row.reviewState, left, right },
    ];
  });
  return { ...found, threshold, total, aboveThreshold, page, pageCount, pairs };
}
