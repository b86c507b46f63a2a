// "Send again": after the queue gave up on a score post (the LMS was down for longer than the
// retries last), the instructor queues it again. The job recomputes the score when it runs, so what
// is sent is the learner's score then, not the one that failed.
import { db } from "../../db";
import { NotFoundError } from "../../errors";
import { requireTaughtCourse, type Viewer } from "../../instructor/course-access";
import { enqueueLtiScoreJob, type LtiScoreOutboxRow } from "../../queue/lti-score-outbox";
import { LTI_SCORE_JOB_NAME, LTI_SCORE_QUEUE, LtiScoreJobSchema } from "../../queue/lti-score-queue";
import { logger } from "../../log";

async function requeue(courseId: string, where: { id?: string }): Promise<number> {
  const rows = await db.$transaction(async (tx) => {
    const failed = await tx.ltiScorePost.findMany({
      where: { ...where, state: "FAILED", resourceLink: { courseId } },
      select: { id: true, userId: true },
    });
    if (failed.length === 0) return { count: 0, jobs: [] as LtiScoreOutboxRow[] };
    // PENDING at once, so the page shows the request was taken and a second click finds nothing to do.
    await tx.ltiScorePost.updateMany({
      where: { id: { in: failed.map((post) => post.id) } },
      data: { state: "PENDING" },
    });
    // One job per learner: it posts every placement of the course for them, the failed ones included.
    const jobs: LtiScoreOutboxRow[] = [];
    for (const userId of new Set(failed.map((post) => post.userId))) {
      jobs.push(
        await tx.outboxJob.create({
          data: {
            queue: LTI_SCORE_QUEUE,
            name: LTI_SCORE_JOB_NAME,
            payload: LtiScoreJobSchema.parse({ userId, courseId, recordedAt: new Date().toISOString() }),
          },
          select: { id: true, payload: true },
        }),
      );
    }
    return { count: failed.length, jobs };
  });
  for (const job of rows.jobs) {
    // Best effort, as for every outbox writer: the issuer's relay moves what is left behind.
    await enqueueLtiScoreJob(job).catch((error: unknown) =>
      logger.warn({ err: error, jobId: job.id }, "LTI score resend recorded in Postgres; enqueue deferred"),
    );
  }
  return rows.count;
}

/** Queues one failed score post of the course again; NotFoundError when it is not a failed post of this course. */
export async function resendScorePost({
  viewer,
  courseSlug,
  scorePostId,
}: {
  viewer: Viewer;
  courseSlug: string;
  scorePostId: string;
}): Promise<void> {
  const course = await requireTaughtCourse(viewer, courseSlug);
  if (typeof scorePostId !== "string" || scorePostId.length > 64)
    throw new NotFoundError("There is no such failed score.");
  if ((await requeue(course.id, { id: scorePostId })) === 0) throw new NotFoundError("There is no such failed score.");
}

/** Queues every failed score post of the course again; returns how many. */
export async function resendFailedScores({
  viewer,
  courseSlug,
}: {
  viewer: Viewer;
  courseSlug: string;
}): Promise<number> {
  const course = await requireTaughtCourse(viewer, courseSlug);
  return requeue(course.id, {});
}
