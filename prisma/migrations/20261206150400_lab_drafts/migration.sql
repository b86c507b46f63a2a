-- Lab editor drafts: one per learner and lab, kept across reloads and devices.
CREATE TABLE "LabDraft" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'javascript',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabDraft_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "LabDraft_userId_assignmentId_key" ON "LabDraft"("userId", "assignmentId");

ALTER TABLE "LabDraft" ADD CONSTRAINT "LabDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LabDraft" ADD CONSTRAINT "LabDraft_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
