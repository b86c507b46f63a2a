import { CriterionScoresSchema } from "../assignments/rubric";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { requireTaughtCourse, type Viewer } from "../instructor/course-access";
import { regradeSubmission } from "../instructor/regrade-submission";
import { parseInput } from "../validation";
import { enqueueReleaseJobs, recordReleaseJobs, type ReleaseJobs } from "./release-effects";
import { labTitle } from "./release-grades";
import { recordNotifications } from "./record-notification";
import { rubricOf } from "../assignments/rubric";
import { AnswerRegradeRequestInputSchema, IdSchema } from "./schemas";

export const REGRADE_ANSWER_ACTION = "regrade-request.answer";

/**
 * An instructor answers an open regrade request: accept with a regrade (the autograder runs the attempt again),
 * accept with a changed score for the request's criterion (the released grade changes, so the certificate check and
 * the LMS score run again), or decline with a reason. The learner is notified.
 */
export async function answerRegradeRequest({
  viewer,
  courseSlug,
  requestId,
  input,
}: {
  viewer: Viewer;
  courseSlug: string;
  requestId: unknown;
  input: unknown;
}) {
  const course = await requireTaughtCourse(viewer, courseSlug);
  const id = IdSchema.safeParse(requestId);
  const request = id.success
    ? await db.regradeRequest.findFirst({
        where: { id: id.data, courseId: course.id },
        select: {
          id: true,
          status: true,
          userId: true,
          criterionKey: true,
          submissionId: true,
          submission: {
            select: {
              assignment: {
                select: { title: true, versions: { orderBy: { version: "desc" }, take: 1, select: { spec: true } } },
              },
              rubricGrade: { select: { scores: true, releasedAt: true } },
            },
          },
        },
      })
    : null;
  if (!request) throw new NotFoundError("There is no such regrade request.");
  if (request.status !== "OPEN") throw new ConflictError("This request has already been answered.");
  const answer = parseInput(AnswerRegradeRequestInputSchema, input);

  if (answer.decision === "score") {
    const rubric = rubricOf(request.submission.assignment.versions[0]?.spec);
    const criterion = rubric?.criteria.find((candidate) => candidate.key === request.criterionKey);
    if (!criterion || !request.submission.rubricGrade)
      throw new ValidationError("Please correct the highlighted fields.", {
        decision: ["only a request about a graded rubric criterion can change its score"],
      });
    if (answer.points > criterion.points)
      throw new ValidationError("Please correct the highlighted fields.", {
        points: [`at most ${criterion.points} points`],
      });
  }
  // The regrade itself is regradeSubmission's own transaction (it locks and resets the submission).
  if (answer.decision === "regrade")
    await regradeSubmission({
      viewer,
      courseSlug,
      submissionId: request.submissionId,
      input: { reason: answer.answer || `Regrade request ${request.id}` },
    });

  const jobs = await db.$transaction(async (tx) => {
    const { count } = await tx.regradeRequest.updateMany({
      where: { id: request.id, status: "OPEN" },
      data: {
        status: answer.decision === "decline" ? "DECLINED" : "ACCEPTED",
        answerKind: answer.decision.toUpperCase(),
        answer: answer.answer,
        answeredById: viewer.id,
        answeredAt: new Date(),
      },
    });
    if (count === 0) throw new ConflictError("This request has already been answered.");
    const recorded: ReleaseJobs[] = [];
    let changed: { from: number | null; to: number } | null = null;
    if (answer.decision === "score") {
      const grade = await tx.rubricGrade.findUniqueOrThrow({
        where: { submissionId: request.submissionId },
        select: { scores: true, releasedAt: true },
      });
      const scores = CriterionScoresSchema.parse(grade.scores);
      const previous = scores[request.criterionKey];
      changed = { from: previous?.points ?? null, to: answer.points };
      scores[request.criterionKey] = { points: answer.points, comment: previous?.comment ?? "" };
      await tx.rubricGrade.update({
        where: { submissionId: request.submissionId },
        data: { scores, graderId: viewer.id },
      });
      if (grade.releasedAt)
        recorded.push(
          await recordReleaseJobs(tx, {
            submissionId: request.submissionId,
            userId: request.userId,
            courseId: course.id,
          }),
        );
    }
    await recordNotifications(tx, [request.userId], {
      kind: answer.decision === "decline" ? "regrade.declined" : "regrade.accepted",
      params: {
        lab: labTitle(request.submission.assignment.title),
        criterionKey: request.criterionKey,
        learner: "",
      },
      href: `/submissions/${request.submissionId}`,
    });
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: REGRADE_ANSWER_ACTION,
      targetType: "submission",
      targetId: request.submissionId,
      courseId: course.id,
      details: {
        requestId: request.id,
        decision: answer.decision,
        reason: answer.answer,
        criterionKey: request.criterionKey,
        ...(changed ? { points: changed } : {}),
      },
    });
    return recorded;
  });
  await enqueueReleaseJobs(jobs);
  return { requestId: request.id, decision: answer.decision };
}
