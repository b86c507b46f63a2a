// The certificate issuer: a process of its own, and the only one the grading side hands work to
// that holds the signing key (the grading worker handles learner artefacts and never does). It
// consumes the "certificates" queue, one job per passed grading, relays that queue's outbox rows
// whose enqueue was lost, and drains on SIGTERM.
import { Worker, type Job } from "bullmq";
import { loadSigningKey } from "../lib/certificates/signing-key";
import { db } from "../lib/db";
import { logger } from "../lib/log";
import { relayCertificateOutbox } from "../lib/queue/certificate-outbox";
import { CERTIFICATE_QUEUE, closeCertificateQueue, type CertificateJob } from "../lib/queue/certificate-queue";
import { createQueueConnection, queueOptions } from "../lib/queue/grading-queue";
import { processCertificateJob } from "./process-certificate-job";

const log = logger.child({ component: "issuer" });

/** Checking a pass rule and signing take milliseconds; a few at once keep a batch of regrades moving. */
const CONCURRENCY = 4;
/** How often pending outbox rows (an enqueue the grading worker lost) are moved onto the queue. */
const RELAY_INTERVAL_MS = 15_000;
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

  const relay = () =>
    relayCertificateOutbox()
      .then((relayed) => {
        if (relayed > 0) log.info({ relayed }, "relayed certificate jobs whose enqueue was lost");
      })
      .catch((error: unknown) => log.error({ err: error }, "certificate outbox relay failed"));
  void relay();
  const timer = setInterval(() => void relay(), RELAY_INTERVAL_MS);
  log.info({ kid, concurrency: CONCURRENCY }, "waiting for certificate jobs");

  let isShuttingDown = false;
  const shutdown = async (signal: string) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    log.info({ signal }, "finishing running jobs, then stopping");
    clearInterval(timer);
    // close() stops taking jobs at once and waits for the running ones (taskforcesh/bullmq#4065: it may never settle).
    await within(worker.close(), DRAIN_MS);
    await within(closeCertificateQueue(), DRAIN_MS);
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
