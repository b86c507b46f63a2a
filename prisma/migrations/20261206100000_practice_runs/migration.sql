-- "Check my code" practice runs: a table of their own, so no query of graded work can count them.
CREATE TYPE "PracticeStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'ERROR');

CREATE TABLE "PracticeRun" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "assignmentVersionId" TEXT NOT NULL,
    "status" "PracticeStatus" NOT NULL DEFAULT 'QUEUED',
    "failureCode" TEXT,
    "message" TEXT,
    "errorLine" INTEGER,
    "errorColumn" INTEGER,
    "code" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'javascript',
    "metricValue" DOUBLE PRECISION,
    "metrics" JSONB,
    "outputShape" TEXT,
    "parameters" INTEGER,
    "curves" JSONB,
    "logs" TEXT NOT NULL DEFAULT '',
    "practiceRows" INTEGER NOT NULL,
    "validationRows" INTEGER NOT NULL,
    "trainingSeconds" INTEGER NOT NULL,
    "workerId" TEXT,
    "platformRetries" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PracticeRun_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "PracticeRun_userId_assignmentId_createdAt_idx" ON "PracticeRun"("userId", "assignmentId", "createdAt");

CREATE INDEX "PracticeRun_status_updatedAt_idx" ON "PracticeRun"("status", "updatedAt");

ALTER TABLE "PracticeRun" ADD CONSTRAINT "PracticeRun_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "PracticeRun" ADD CONSTRAINT "PracticeRun_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "PracticeRun" ADD CONSTRAINT "PracticeRun_assignmentVersionId_fkey" FOREIGN KEY ("assignmentVersionId") REFERENCES "AssignmentVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
