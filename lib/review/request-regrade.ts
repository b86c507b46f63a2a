import { rubricOf } from "../assignments/rubric";
import { recordAudit } from "../audit/record-audit";
import { isUniqueViolation } from "../certificates/prisma-errors";
import { db } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { Viewer } from "../instructor/course-access";
import { parseInput } from "../validation";
import { labTitle } from "./release-grades";
import { recordNotifications } from "./record-notification";
import { RequestRegradeInputSchema } from "./schemas";

export const REGRADE_REQUEST_ACTION = "regrade-request.create";

/**
 * A learner asks for a review of their own graded attempt (criterionKey "") or of one criterion of its released rubric
 * grade. At most one open request per submission and criterion; the course's instructors are notified.
 */
export async function requestRegrade({ viewer, input }: { viewer: Viewer; input: unknown }) {
  const { submissionId, criterionKey, reason } = parseInput(RequestRegradeInputSchema, input);
  const submission = await db.submission.findFirst({
    where: { id: submissionId, userId: viewer.id },
    select: {
      id: true,
      status: true,
      user: { select: { name: true } },
      rubricGrade: { select: { releasedAt: true } },
      assignment: {
        select: {
          courseId: true,
          slug: true,
          title: true,
          course: { select: { slug: true } },
          versions: { orderBy: { version: "desc" }, take: 1, select: { spec: true } },
        },
      },
    },
  });
  if (!submission) throw new NotFoundError("There is no such submission.");
  if (submission.status !== "PASSED" && submission.status !== "FAILED")
    throw new ConflictError("Only a graded attempt can be reviewed.");
  if (criterionKey) {
    const rubric = rubricOf(submission.assignment.versions[0]?.spec);
    if (!submission.rubricGrade?.releasedAt || !rubric?.criteria.some((criterion) => criterion.key === criterionKey))
      throw new ValidationError("Please correct the highlighted fields.", {
        criterionKey: ["choose a criterion of the released grade"],
      });
  }
  const { courseId } = submission.assignment;
  try {
    return await db.$transaction(async (tx) => {
      const request = await tx.regradeRequest.create({
        data: { submissionId, courseId, userId: viewer.id, criterionKey, reason },
        select: { id: true },
      });
      const instructors = await tx.enrolment.findMany({
        where: { courseId, role: "INSTRUCTOR" },
        select: { userId: true },
      });
      await recordNotifications(
        tx,
        instructors.map((instructor) => instructor.userId),
        {
          kind: "regrade.requested",
          params: { lab: labTitle(submission.assignment.title), criterionKey, learner: submission.user.name },
          href: `/instructor/courses/${submission.assignment.course.slug}/labs/${submission.assignment.slug}/grade/${submissionId}`,
        },
      );
      await recordAudit({
        tx,
        actorId: viewer.id,
        action: REGRADE_REQUEST_ACTION,
        targetType: "submission",
        targetId: submissionId,
        courseId,
        details: { requestId: request.id, criterionKey, reason },
      });
      return { requestId: request.id, submissionId };
    });
  } catch (error) {
    // The partial unique index: one open request per submission and criterion.
    if (isUniqueViolation(error))
      throw new ConflictError("You already have an open request for this; wait for its answer.");
    throw error;
  }
}
