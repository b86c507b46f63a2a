// One "similarity" job: compute one analysis. The payload is parsed again here, as at enqueue.
import type { Job } from "bullmq";
import type { Logger } from "../lib/log";
import { SimilarityJobSchema } from "../lib/queue/similarity-queue";
import { runSimilarityAnalysis } from "../lib/similarity/run-similarity-analysis";

export async function processSimilarityJob(job: Job, log: Logger): Promise<void> {
  const payload = SimilarityJobSchema.parse(job.data);
  const { pairCount } = await runSimilarityAnalysis(payload);
  log.info({ ...payload, pairCount }, "similarity analysis done");
}
