// The similarity job's work: collect the files, compare them, store the pairs, with progress written
// to the analysis row as it goes. A retry starts over and replaces what an earlier try wrote.
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { archiveKey, collectSources, submissionKey } from "./collect-sources";
import { compareFiles } from "./compare-files";

/** Progress is written at most this often, so a big analysis does not spend its time updating its row. */
const PROGRESS_INTERVAL_MS = 500;

function sideOf(key: string): { submissionId: string | null; archivePath: string | null } {
  if (key.startsWith(submissionKey(""))) return { submissionId: key.slice(2), archivePath: null };
  if (key.startsWith(archiveKey(""))) return { submissionId: null, archivePath: key.slice(2) };
  return { submissionId: null, archivePath: key };
}

/** Computes analysis `analysisId`; marks it FAILED (and rethrows) when anything goes wrong. */
export async function runSimilarityAnalysis({ analysisId }: { analysisId: string }): Promise<{ pairCount: number }> {
  const analysis = await db.similarityAnalysis.findUnique({
    where: { id: analysisId },
    select: {
      id: true,
      status: true,
      assignmentId: true,
      requestedById: true,
      basis: true,
      includesOtherRuns: true,
      archiveFiles: true,
    },
  });
  // Deleted with its lab, or finished by an earlier delivery of the same job: nothing to do.
  if (!analysis || analysis.status === "DONE") return { pairCount: 0 };
  await db.similarityAnalysis.update({
    where: { id: analysisId },
    data: { status: "RUNNING", progress: 0, startedAt: new Date(), error: null },
  });
  try {
    const sources = await collectSources(analysis);
    let lastWrite = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const pairs = compareFiles({
      files: sources.files,
      ignored: sources.ignored,
      onProgress: (fraction) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
        lastWrite = now;
        pending = db.similarityAnalysis.update({ where: { id: analysisId }, data: { progress: fraction * 0.9 } });
      },
    }).filter((pair) => {
      const left = sources.ownerOf.get(pair.leftKey);
      // Two runs of the same learner's own work are not a copy.
      return left === undefined || left !== sources.ownerOf.get(pair.rightKey);
    });
    await pending.catch(() => undefined);
    const rows: Prisma.SimilarityPairCreateManyInput[] = pairs.map((pair) => {
      const left = sideOf(pair.leftKey);
      const right = sideOf(pair.rightKey);
      return {
        analysisId,
        leftSubmissionId: left.submissionId,
        leftArchivePath: left.archivePath,
        rightSubmissionId: right.submissionId,
        rightArchivePath: right.archivePath,
        score: pair.score,
        longestFragment: pair.longestFragment,
        fragments: pair.fragments.map((fragment) => ({ ...fragment })),
      };
    });
    await db.$transaction(async (tx) => {
      await tx.similarityPair.deleteMany({ where: { analysisId } });
      if (rows.length > 0) await tx.similarityPair.createMany({ data: rows });
      await tx.similarityAnalysis.update({
        where: { id: analysisId },
        data: {
          status: "DONE",
          progress: 1,
          finishedAt: new Date(),
          submissionCount: sources.submissionCount,
          fileCount: sources.files.length,
          pairCount: rows.length,
        },
      });
    });
    return { pairCount: rows.length };
  } catch (error) {
    await db.similarityAnalysis
      .update({
        where: { id: analysisId },
        data: {
          status: "FAILED",
          finishedAt: new Date(),
          error: error instanceof Error ? error.message.slice(0, 500) : "failed",
        },
      })
      .catch(() => undefined);
    throw error;
  }
}
