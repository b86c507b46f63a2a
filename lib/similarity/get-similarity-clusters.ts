// Clusters of an analysis: the connected components of the graph whose edges are the pairs scoring
// at or above the threshold, largest first. A group of three who shared one file shows as one cluster.
import type { Locale } from "../courses/content-schema";
import { db } from "../db";
import type { Viewer } from "../instructor/course-access";
import { describeSides, sideKey, type PairSide } from "./describe-sides";
import { connectedComponents } from "./connected-components";
import { requireAnalysis } from "./require-analysis";
import { thresholdFrom } from "./threshold";

export interface SimilarityCluster {
  members: PairSide[];
  pairs: { id: string; score: number; leftKey: string; rightKey: string; reviewState: string }[];
  maxScore: number;
}

export async function getSimilarityClusters({
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
  query?: Record<string, string | undefined>;
  locale?: Locale;
}) {
  const found = await requireAnalysis(viewer, { courseSlug, assignmentSlug, analysisId }, locale);
  const threshold = thresholdFrom(query.threshold, found.analysis.threshold);
  const rows = await db.similarityPair.findMany({
    where: { analysisId: found.analysis.id, score: { gte: threshold } },
    orderBy: { score: "desc" },
    select: {
      id: true,
      score: true,
      reviewState: true,
      leftSubmissionId: true,
      leftArchivePath: true,
      rightSubmissionId: true,
      rightArchivePath: true,
    },
  });
  const sides = await describeSides(rows, locale);
  const pairs = rows.map((row) => ({
    id: row.id,
    score: row.score,
    reviewState: row.reviewState,
    leftKey: sideKey(row.leftSubmissionId, row.leftArchivePath),
    rightKey: sideKey(row.rightSubmissionId, row.rightArchivePath),
  }));
  const clusters: SimilarityCluster[] = connectedComponents(pairs.map((pair) => [pair.leftKey, pair.rightKey]))
    .map((keys) => {
      const inCluster = new Set(keys);
      const own = pairs.filter((pair) => inCluster.has(pair.leftKey));
      return {
        members: keys.flatMap((key) => {
          const side = sides.get(key);
          return side ? [side] : [];
        }),
        pairs: own,
        maxScore: Math.max(...own.map((pair) => pair.score)),
      };
    })
    .sort((a, b) => b.members.length - a.members.length || b.maxScore - a.maxScore);
  return { ...found, threshold, clusters };
}
