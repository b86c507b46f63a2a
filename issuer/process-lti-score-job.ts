// One "lti-scores" job: recompute a learner's scores in a course and post them to the LMS. Any
// failed post fails the job, so BullMQ retries it with backoff; placements already sent are not
// posted again on the retry (a score unchanged since it was sent for this job's result is skipped). The last failure stays FAILED on the
// instructor's page, where "send again" queues a new job.
import type { Job } from "bullmq";
import type { Logger } from "../lib/log";
import { sendLearnerScores } from "../lib/lti/scores/send-learner-scores";
import { LtiScoreJobSchema } from "../lib/queue/lti-score-queue";

export class LtiScorePostFailed extends Error {}

export async function processLtiScoreJob(job: Job, log: Logger): Promise<void> {
  const payload = LtiScoreJobSchema.parse(job.data);
  const outcomes = await sendLearnerScores(payload);
  const failed = outcomes.flatMap((entry) => (entry.outcome.state === "FAILED" ? [entry] : []));
  const sent = outcomes.filter((entry) => entry.outcome.state === "SENT").length;
  if (sent > 0) log.info({ ...payload, sent }, "scores posted to the LMS");
  if (failed.length > 0) {
    const first = failed[0]?.outcome;
    throw new LtiScorePostFailed(
      `${failed.length} of ${outcomes.length} score posts failed${first?.state === "FAILED" ? `: ${first.error}` : ""}`,
    );
  }
}
