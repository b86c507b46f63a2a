// One certificate job: a passed grading may have completed its course. The pass rule is evaluated
// over stored results only, so the job needs nothing but the submission's id, and a job delivered
// twice, or two passes of the same course at once, still issue one certificate.
import type { Job } from "bullmq";
import { issueCertificateIfEligible } from "../lib/certificates/issue-certificate";
import { db } from "../lib/db";
import type { Logger } from "../lib/log";
import { CertificateJobSchema } from "../lib/queue/certificate-queue";
import { notifySubmissionChanged } from "../lib/submissions/progress-channel";

export async function processCertificateJob(job: Job, log: Logger): Promise<void> {
  const { submissionId } = CertificateJobSchema.parse(job.data);
  const submission = await db.submission.findUnique({
    where: { id: submissionId },
    select: { userId: true, assignment: { select: { courseId: true } } },
  });
  if (!submission) {
    log.info({ submissionId }, "nothing to do: the submission is gone");
    return;
  }
  const outcome = await issueCertificateIfEligible(submission.userId, submission.assignment.courseId);
  if (!outcome.isIssued) {
    log.debug({ submissionId, reasons: outcome.reasons }, "the course is not completed yet");
    return;
  }
  if (!outcome.isNew) return;
  log.info({ submissionId, publicId: outcome.publicId }, "certificate issued");
  await tellLearner(submissionId, outcome.verifyUrl);
}

/** Says so on the result that completed the course, unless a regrade has taken that result back meanwhile. */
async function tellLearner(submissionId: string, verifyUrl: string): Promise<void> {
  const current = await db.submission.findUniqueOrThrow({
    where: { id: submissionId },
    select: { message: true, updatedAt: true },
  });
  const told = await db.submission.updateMany({
    where: { id: submissionId, status: "PASSED", updatedAt: current.updatedAt },
    data: {
      message: `${current.message ?? ""} You have completed the course: your certificate is at ${verifyUrl}`.trim(),
    },
  });
  if (told.count === 1) await notifySubmissionChanged(submissionId);
}
