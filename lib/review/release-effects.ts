// What a released (or changed released) rubric grade sets off, recorded in the same transaction
// as the grade: the certificate check runs again and the LMS gets the learner's new scores. The
// jobs are enqueued after the commit; the relays pick up what that misses.
import type { Prisma } from "../generated/prisma/client";
import { logger } from "../log";
import { enqueueCertificateJob, recordCertificateJob } from "../queue/certificate-outbox";
import { enqueueLtiScoreJob, recordLtiScoreJob } from "../queue/lti-score-outbox";

export type ReleaseJobs = Awaited<ReturnType<typeof recordReleaseJobs>>;

export async function recordReleaseJobs(
  tx: Prisma.TransactionClient,
  grade: { submissionId: string; userId: string; courseId: string },
) {
  const certificate = await recordCertificateJob(tx, grade.submissionId);
  const lti = await recordLtiScoreJob(tx, { userId: grade.userId, courseId: grade.courseId });
  return { certificate, lti };
}

export async function enqueueReleaseJobs(jobs: ReleaseJobs[]): Promise<void> {
  for (const { certificate, lti } of jobs) {
    await enqueueCertificateJob(certificate).catch((error: unknown) =>
      logger.warn({ err: error }, "certificate check recorded; enqueue deferred to the relay"),
    );
    await enqueueLtiScoreJob(lti).catch((error: unknown) =>
      logger.warn({ err: error }, "LMS score recorded; enqueue deferred to the relay"),
    );
  }
}
