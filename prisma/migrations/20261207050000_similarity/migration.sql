-- Code similarity: analyses over a lab's submissions (and an uploaded archive) and the pairs they found,
-- with the instructor's review of each pair.
CREATE TYPE "SimilarityStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');
CREATE TYPE "SimilarityBasis" AS ENUM ('LATEST', 'BEST');
CREATE TYPE "SimilarityReviewState" AS ENUM ('UNREVIEWED', 'REVIEWED', 'FLAGGED');

CREATE TABLE "SimilarityAnalysis" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "basis" "SimilarityBasis" NOT NULL,
    "includesOtherRuns" BOOLEAN NOT NULL DEFAULT false,
    "threshold" DOUBLE PRECISION NOT NULL,
    "status" "SimilarityStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "archiveName" TEXT,
    "archiveFiles" JSONB,
    "submissionCount" INTEGER NOT NULL DEFAULT 0,
    "fileCount" INTEGER NOT NULL DEFAULT 0,
    "pairCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SimilarityAnalysis_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "SimilarityPair" (
    "id" TEXT NOT NULL,
    "analysisId" TEXT NOT NULL,
    "leftSubmissionId" TEXT,
    "leftArchivePath" TEXT,
    "rightSubmissionId" TEXT,
    "rightArchivePath" TEXT,
    "score" DOUBLE PRECISION NOT NULL,
    "longestFragment" INTEGER NOT NULL,
    "fragments" JSONB NOT NULL,
    "reviewState" "SimilarityReviewState" NOT NULL DEFAULT 'UNREVIEWED',
    "reviewedById" TEXT,
    "reviewNote" TEXT,
    "reviewedAt" TIMESTAMP(3),

    CONSTRAINT "SimilarityPair_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "SimilarityAnalysis_assignmentId_createdAt_idx" ON "SimilarityAnalysis"("assignmentId", "createdAt");

CREATE INDEX "SimilarityPair_analysisId_score_idx" ON "SimilarityPair"("analysisId", "score");

ALTER TABLE "SimilarityAnalysis" ADD CONSTRAINT "SimilarityAnalysis_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "SimilarityPair" ADD CONSTRAINT "SimilarityPair_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "SimilarityAnalysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "SimilarityPair" ADD CONSTRAINT "SimilarityPair_leftSubmissionId_fkey" FOREIGN KEY ("leftSubmissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "SimilarityPair" ADD CONSTRAINT "SimilarityPair_rightSubmissionId_fkey" FOREIGN KEY ("rightSubmissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
