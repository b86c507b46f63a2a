import type { Prisma } from "../generated/prisma/client";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { ConflictError, NotFoundError } from "../errors";
import { GRADING_QUEUE, REGRADE_PRIORITY } from "../queue/grading-queue";
import { relayOutbox } from "../queue/outbox-relay";
import { notifySubmissionChanged } from "../submissions/progress-channel";
import { parseInput } from "../validation";
import { requireTaughtCourse, type Viewer } from "./course-access";
import { PREVIOUS_RESULT_SELECT, REGRADABLE_STATUSES, regradeResetData } from "./regrade-state";
import { RegradeInputSchema } from "./schemas";
import { REGRADE_ACTION } from "./record-regrade-outcome";
import { logger } from "../log";

export interface RegradeSubmissionOptions {
  viewer: Viewer;
  courseSlug: string;
  submissionId: string;
  /** `{ reason }`, validated here. */
  input: unknown;
}

/** Grades one finished submission again, behind learners' live work, without charging an attempt. */
export async function regradeSubmission({ viewer, courseSlug, submissionId, input }: RegradeSubmissionOptions) {
  const course = await requireTaughtCourse(viewer, courseSlug);
  const { reason } = parseInput(RegradeInputSchema, input);

  await db.$transaction(async (tx) => {
    // Locked so a worker finishing it, or a second click, cannot interleave with the reset.
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "Submission" WHERE id = ${submissionId} FOR UPDATE`;
    const previous = locked.length
      ? await tx.submission.findFirst({
          where: { id: submissionId, assignment: { courseId: course.id } },
          select: PREVIOUS_RESULT_SELECT,
        })
      : null;
    if (!previous) throw new NotFoundError("There is no such submission in this course.");
    if (!REGRADABLE_STATUSES.includes(previous.status))
      throw new ConflictError("This submission is still being graded; regrade it once it has finished.");

    await tx.submission.update({ where: { id: submissionId }, data: regradeResetData(new Date()) });
    await tx.outboxJob.create({
      data: { queue: GRADING_QUEUE, name: "grade", payload: { submissionId }, priority: REGRADE_PRIORITY },
    });
    await recordAudit({
      tx,
      actorId: viewer.id,
      action: REGRADE_ACTION,
      targetType: "submission",
      targetId: submissionId,
      courseId: course.id,
      details: {
        reason,
        previous: { ...previous, finishedAt: previous.finishedAt?.toISOString() ?? null } as Prisma.InputJsonValue,
      },
    });
  });

  // Best effort, as for learners' submissions: the workers' sweeper relays what is left.
  await relayOutbox().catch((error: unknown) =>
    logger.warn({ err: error, submissionId }, "regrade queued in Postgres; enqueue deferred"),
  );
  await notifySubmissionChanged(submissionId).catch(() => undefined);
  return { submissionId, status: "QUEUED" as const };
}
