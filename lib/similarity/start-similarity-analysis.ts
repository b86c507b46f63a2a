// An instructor starts a similarity analysis of one lab: the analysis row and its job are written in
// one transaction (the outbox), then the job is enqueued; the issuer process does the work.
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { requireTaughtAssignment, type Viewer } from "../instructor/course-access";
import { enqueueSimilarityJob, recordSimilarityJob } from "../queue/similarity-outbox";
import { parseInput } from "../validation";
import { readArchive } from "./read-archive";
import { SIMILARITY_THRESHOLD } from "./similarity-constants";

const ThresholdSchema = z.coerce
  .number({ message: "Give a number between 0.05 and 1." })
  .min(0.05, "Give a number between 0.05 and 1.")
  .max(1, "Give a number between 0.05 and 1.");

export const StartSimilarityAnalysisSchema = z.object({
  /** Each learner's latest graded submission, or their best. */
  basis: z.enum(["LATEST", "BEST"], { message: "Choose latest or best." }),
  /** Also compare the same lab in the other courses the instructor teaches (a checkbox: "on" or absent). */
  includesOtherRuns: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
  /** Pairs at or above it are clustered; empty means the default. */
  threshold: z.preprocess(
    (value) => (value === "" || value === null || value === undefined ? SIMILARITY_THRESHOLD : value),
    ThresholdSchema,
  ),
  /** An uploaded .zip of earlier solutions, already in memory; null when none was chosen. */
  archive: z
    .object({ name: z.string().trim().min(1).max(200), bytes: z.instanceof(Uint8Array) })
    .nullable()
    .default(null),
});

export async function startSimilarityAnalysis({
  viewer,
  courseSlug,
  assignmentSlug,
  input,
}: {
  viewer: Viewer;
  courseSlug: string;
  assignmentSlug: string;
  input: unknown;
}): Promise<{ analysisId: string }> {
  const { course, assignment } = await requireTaughtAssignment(viewer, courseSlug, assignmentSlug);
  const { basis, includesOtherRuns, threshold, archive } = parseInput(StartSimilarityAnalysisSchema, input);
  const archiveFiles = archive ? readArchive(archive.bytes) : null;
  const { analysis, job } = await db.$transaction(async (tx) => {
    const analysis = await tx.similarityAnalysis.create({
      data: {
        assignmentId: assignment.id,
        requestedById: viewer.id,
        basis,
        includesOtherRuns,
        threshold,
        archiveName: archive?.name ?? null,
        ...(archiveFiles ? { archiveFiles } : {}),
      },
      select: { id: true },
    });
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: "similarity.start",
      targetType: "similarityAnalysis",
      targetId: analysis.id,
      courseId: course.id,
      details: {
        assignment: assignment.slug,
        basis,
        includesOtherRuns,
        threshold,
        archiveFiles: archiveFiles?.length ?? 0,
      },
    });
    return { analysis, job: await recordSimilarityJob(tx, { analysisId: analysis.id }) };
  });
  // A lost enqueue is not lost work: the issuer's relay moves the pending row onto the queue.
  await enqueueSimilarityJob(job).catch(() => undefined);
  return { analysisId: analysis.id };
}
