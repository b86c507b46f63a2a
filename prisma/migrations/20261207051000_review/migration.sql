-- The review desk: rubric grades and line comments on submissions, learners' regrade requests, and
-- in-app notifications.
CREATE TYPE "RegradeRequestStatus" AS ENUM ('OPEN', 'ACCEPTED', 'DECLINED');

CREATE TABLE "RubricGrade" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "scores" JSONB NOT NULL,
    "graderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "releasedAt" TIMESTAMP(3),

    CONSTRAINT "RubricGrade_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ReviewComment" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewComment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "RegradeRequest" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "criterionKey" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL,
    "status" "RegradeRequestStatus" NOT NULL DEFAULT 'OPEN',
    "answerKind" TEXT,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegradeRequest_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "href" TEXT NOT NULL,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "RubricGrade_submissionId_key" ON "RubricGrade"("submissionId");
CREATE INDEX "ReviewComment_submissionId_line_idx" ON "ReviewComment"("submissionId", "line");
CREATE INDEX "RegradeRequest_courseId_status_createdAt_idx" ON "RegradeRequest"("courseId", "status", "createdAt");
-- At most one open request per submission and criterion. Prisma has no partial indexes, so it lives here only.
CREATE UNIQUE INDEX "RegradeRequest_one_open" ON "RegradeRequest"("submissionId", "criterionKey") WHERE "status" = 'OPEN';
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

ALTER TABLE "RubricGrade" ADD CONSTRAINT "RubricGrade_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "RegradeRequest" ADD CONSTRAINT "RegradeRequest_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
