// The certificate issuer: a process of its own, and the only one the grading side hands work to
// that holds the signing key (the grading worker handles learner artefacts and never does). It
// consumes the "certificates" queue, one job per passed grading, relays that queue's outbox rows
// whose enqueue was lost, and drains on SIGTERM. It also posts LTI scores to the LMS ("lti-scores"):
// that needs the LTI tool key, which, like the signing key, the grading worker must never hold.
import { Worker, type Job } from "bullmq";
import { loadSigningKey } from "../lib/certificates/signing-key";
import { db } from "../lib/db";
import { logger } from "../lib/log";
import { relayCertificateOutbox } from "../lib/queue/certificate-outbox";
import { CERTIFICATE_QUEUE, closeCertificateQueue, type CertificateJob } from "../lib/queue/certificate-queue";
import { createQueueConnection, queueOptions } from "../lib/queue/grading-queue";
import { relayLtiScoreOutbox } from "../lib/queue/lti-score-outbox";
import { closeLtiScoreQueue, LTI_SCORE_QUEUE, type LtiScoreJob } from "../lib/queue/lti-score-queue";
import { processCertificateJob } from "./process-certificate-job";
import { processLtiScoreJob } from "./process-lti-score-job";
import { relaySimilarityOutbox } from "../lib/queue/similarity-outbox";
import { closeSimilarityQueue, SIMILARITY_QUEUE, type SimilarityJob } from "../lib/queue/similarity-queue";
import { processSimilarityJob } from "./process-similarity-job";

const log = logger.child({ component: "issuer" });

/** Checking a pass rule and signing take milliseconds; a few at once keep a batch of regrades moving. */
const CONCURRENCY = 4;
/** Score posts wait on LMS servers (up to 10 s a request), so a few run at once without holding the others back. */
const LTI_CONCURRENCY = 4;
/** Similarity analyses are CPU-bound (a few seconds for hundreds of files); one at a time leaves the issuer responsive. */
const SIMILARITY_CONCURRENCY = 1;
/** How often pending outbox rows (an enqueue the grading worker lost) are moved onto the queue. */
const RELAY_INTERVAL_MS = 15_000;
/** The same for LTI score jobs (see where it is used for why it is shorter). */
const LTI_RELAY_INTERVAL_MS = 3_000;
/** How long SIGTERM lets running jobs finish; an unfinished one is retried by the next issuer. */
const DRAIN_MS = 10_000;

function within(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise.catch(() => undefined), deadline]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  // A missing or unreadable key stops the issuer at start-up, not at the first certificate.
  const { kid } = await loadSigningKey();
  const worker = new Worker<CertificateJob>(
    CERTIFICATE_QUEUE,
    (job: Job<CertificateJob>) => processCertificateJob(job, log.child({ jobId: job.id })),
    { ...queueOptions(createQueueConnection()), concurrency: CONCURRENCY },
  );
  worker.on("failed", (job, error) =>
    log.warn({ jobId: job?.id, delivery: job?.attemptsMade, err: error }, "certificate job failed"),
  );
  worker.on("error", (error) => log.error({ err: error }, "queue connection problem"));
  const ltiWorker = new Worker<LtiScoreJob>(
    LTI_SCORE_QUEUE,
    (job: Job<LtiScoreJob>) => processLtiScoreJob(job, log.child({ jobId: job.id, queue: LTI_SCORE_QUEUE })),
    { ...queueOptions(createQueueConnection()), concurrency: LTI_CONCURRENCY },
  );
  ltiWorker.on("failed", (job, error) =>
    log.warn({ jobId: job?.id, delivery: job?.attemptsMade, err: error }, "LTI score job failed"),
  );
  ltiWorker.on("error", (error) => log.error({ err: error }, "LTI score queue connection problem"));
  // Similarity runs here because the issuer is the process that handles no learner artefacts in a
  // sandbox and is always running; the analysis reads code as text and never executes it.
  const similarityWorker = new Worker<SimilarityJob>(
    SIMILARITY_QUEUE,
    (job: Job<SimilarityJob>) => processSimilarityJob(job, log.child({ jobId: job.id, queue: SIMILARITY_QUEUE })),
    { ...queueOptions(createQueueConnection()), concurrency: SIMILARITY_CONCURRENCY },
  );
  similarityWorker.on("failed", (job, error) =>
    log.warn({ jobId: job?.id, delivery: job?.attemptsMade, err: error }, "similarity job failed"),
  );
  similarityWorker.on("error", (error) => log.error({ err: error }, "similarity queue connection problem"));

  const relay = () =>
    relayCertificateOutbox()
      .then((relayed) => {
        if (relayed > 0) log.info({ relayed }, "relayed certificate jobs whose enqueue was lost");
      })
      .catch((error: unknown) => log.error({ err: error }, "certificate outbox relay failed"));
  const relayLti = () =>
    relayLtiScoreOutbox()
      .then((relayed) => {
        if (relayed > 0) log.info({ relayed }, "relayed LTI score jobs whose enqueue was lost");
      })
      .catch((error: unknown) => log.error({ err: error }, "LTI score outbox relay failed"));
  const relaySimilarity = () =>
    relaySimilarityOutbox()
      .then((relayed) => {
        if (relayed > 0) log.info({ relayed }, "relayed similarity jobs whose enqueue was lost");
      })
      .catch((error: unknown) => log.error({ err: error }, "similarity outbox relay failed"));
  void relay();
  void relayLti();
  void relaySimilarity();
  const timer = setInterval(() => {
    void relay();
    void relaySimilarity();
  }, RELAY_INTERVAL_MS);
  // Shorter than the certificates': writers without a queue at hand (quiz attempts, certificate status
  // changes) rely on this relay, and a learner expects the LMS to show a quiz score within seconds.
  const ltiTimer = setInterval(() => void relayLti(), LTI_RELAY_INTERVAL_MS);
  log.info({ kid, concurrency: CONCURRENCY }, "waiting for certificate jobs");

  let isShuttingDown = false;
  const shutdown = async (signal: string) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    log.info({ signal }, "finishing running jobs, then stopping");
    clearInterval(timer);
    clearInterval(ltiTimer);
    // close() stops taking jobs at once and waits for the running ones (taskforcesh/bullmq#4065: it may never settle).
    await within(Promise.all([worker.close(), ltiWorker.close(), similarityWorker.close()]), DRAIN_MS);
    await within(Promise.all([closeCertificateQueue(), closeLtiScoreQueue(), closeSimilarityQueue()]), DRAIN_MS);
    await within(db.$disconnect(), DRAIN_MS);
    log.info("stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "failed to start");
  process.exit(1);
});
