// No practice run waits forever. Its job is retried once at most (practice-job.ts); a run whose
// job Redis lost, or whose worker vanished after that retry, is ended as the platform's error after
// a while, and the learner starts another: a practice run costs nothing to repeat, so it is not re-queued.
import { db } from "../../lib/db";
import { notifySubmissionChanged } from "../../lib/submissions/progress-channel";

/** A practice run trains for 20 s at most: one untouched this long lost its worker. */
const RUNNING_LOST_MS = 10 * 60_000;
/** Behind a long queue of graded work (which always goes first) a practice run may wait this long. */
const QUEUED_LOST_MS = 30 * 60_000;

export async function sweepPracticeRuns(now = Date.now()): Promise<number> {
  const lost = await db.practiceRun.findMany({
    where: {
      OR: [
        { status: "RUNNING", updatedAt: { lt: new Date(now - RUNNING_LOST_MS) } },
        { status: "QUEUED", updatedAt: { lt: new Date(now - QUEUED_LOST_MS) } },
      ],
    },
    select: { id: true, updatedAt: true },
    take: 200,
  });
  let ended = 0;
  for (const run of lost) {
    const updated = await db.practiceRun.updateMany({
      where: { id: run.id, updatedAt: run.updatedAt },
      data: {
        status: "ERROR",
        failureCode: "platform_gave_up",
        message: "The grader could not run this check. It costs nothing: please check your code again.",
        finishedAt: new Date(now),
      },
    });
    if (updated.count === 1) {
      ended++;
      await notifySubmissionChanged(run.id);
    }
  }
  return ended;
}
