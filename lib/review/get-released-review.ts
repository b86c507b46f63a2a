import { z } from "zod";
import { combineScore, CriterionScoresSchema, rubricOf } from "../assignments/rubric";
import { db } from "../db";
import { NotFoundError } from "../errors";
import type { Viewer } from "../instructor/course-access";

/**
 * The review a learner sees of their own submission: the rubric result, the combined score and the line comments,
 * once an instructor has released them, and their regrade requests. Before release there is nothing (null): neither
 * a draft grade nor a comment ever leaves lib/ for the learner. Someone else's submission does not exist here.
 */
export async function getReleasedReview({ viewer, submissionId }: { viewer: Viewer; submissionId: string }) {
  const id = z
    .string()
    .regex(/^[a-z0-9]{10,40}$/)
    .safeParse(submissionId);
  const submission = id.success
    ? await db.submission.findFirst({
        where: { id: id.data, userId: viewer.id },
        select: {
          id: true,
          status: true,
          assignment: { select: { versions: { orderBy: { version: "desc" }, take: 1, select: { spec: true } } } },
          rubricGrade: { select: { scores: true, releasedAt: true } },
          regradeRequests: {
            orderBy: { createdAt: "desc" },
            select: {
              id: true,
              criterionKey: true,
              reason: true,
              status: true,
              answerKind: true,
              answer: true,
              createdAt: true,
              answeredAt: true,
            },
          },
        },
      })
    : null;
  if (!submission) throw new NotFoundError("There is no such submission.");
  const rubric = rubricOf(submission.assignment.versions[0]?.spec);
  const isGraded = submission.status === "PASSED" || submission.status === "FAILED";
  const grade = submission.rubricGrade;
  if (!rubric || !grade?.releasedAt) return { rubric, isGraded, released: null, requests: submission.regradeRequests };
  const scores = CriterionScoresSchema.safeParse(grade.scores);
  const parsed = scores.success ? scores.data : {};
  const comments = await db.reviewComment.findMany({
    where: { submissionId: submission.id },
    orderBy: [{ line: "asc" }, { createdAt: "asc" }],
    select: { id: true, line: true, body: true },
  });
  return {
    rubric,
    isGraded,
    released: {
      releasedAt: grade.releasedAt,
      scores: parsed,
      combined: combineScore({ rubric, isAutograderPassed: submission.status === "PASSED", scores: parsed }),
      comments,
    },
    requests: submission.regradeRequests,
  };
}
export type ReleasedReview = Awaited<ReturnType<typeof getReleasedReview>>;
