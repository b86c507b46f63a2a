// The grading queue of one lab: each learner's latest graded attempt (passed or failed by the
// autograder), in learner order, with where its review stands. The focused view's next/previous
// walk this same list, so the two always agree.
import { db } from "../db";

export type ReviewState = "TO_GRADE" | "DRAFT" | "RELEASED";

export interface QueueEntry {
  submissionId: string;
  learner: { id: string; name: string; email: string };
  status: "PASSED" | "FAILED";
  score: number | null;
  attemptNumber: number;
  finishedAt: Date | null;
  reviewState: ReviewState;
}

export async function readGradingQueue(assignmentId: string): Promise<QueueEntry[]> {
  const rows = await db.submission.findMany({
    where: { assignmentId, status: { in: ["PASSED", "FAILED"] } },
    distinct: ["userId"],
    orderBy: [{ userId: "asc" }, { createdAt: "desc" }],
    select: {
      id: true,
      status: true,
      score: true,
      attemptNumber: true,
      finishedAt: true,
      user: { select: { id: true, name: true, email: true } },
      rubricGrade: { select: { releasedAt: true } },
    },
  });
  return rows
    .flatMap((row) =>
      row.status === "PASSED" || row.status === "FAILED"
        ? [
            {
              submissionId: row.id,
              learner: row.user,
              status: row.status,
              score: row.score,
              attemptNumber: row.attemptNumber,
              finishedAt: row.finishedAt,
              reviewState: !row.rubricGrade
                ? ("TO_GRADE" as const)
                : row.rubricGrade.releasedAt
                  ? ("RELEASED" as const)
                  : ("DRAFT" as const),
            },
          ]
        : [],
    )
    .sort(
      (a, b) =>
        a.learner.name.localeCompare(b.learner.name) ||
        a.learner.email.localeCompare(b.learner.email) ||
        a.submissionId.localeCompare(b.submissionId),
    );
}
