// Grades one queued submission. Postgres is the source of truth: a job whose submission is
// already graded does nothing, so a job delivered twice still grades once.
import crypto from "node:crypto";
import type { Job } from "bullmq";
import { AssignmentSpecSchema } from "../lib/assignments/spec-schema";
import { db } from "../lib/db";
import type { Prisma } from "../lib/generated/prisma/client";
import { logger } from "../lib/log";
import { enqueueCertificateJob, recordCertificateJob } from "../lib/queue/certificate-outbox";
import { enqueueLtiScoreJob, recordLtiScoreJob } from "../lib/queue/lti-score-outbox";
import { recordRegradeOutcome } from "../lib/instructor/record-regrade-outcome";
import { GradingJobSchema } from "../lib/queue/grading-queue";
import { notifySubmissionChanged } from "../lib/submissions/progress-channel";
import { graderConfig } from "./config";
import { gradeSubmission, type GradeProgress, type GradeResult } from "./pipeline/grade-submission";
import { formatLogs, ProgressWriter } from "./progress-writer";

const TERMINAL = new Set(["PASSED", "FAILED", "ERROR"]);
/** A running submission whose row has not been touched for this long lost its worker. */
export const RUNNING_STALE_MS = 90_000;
const MAX_STORED_LOG_CHARS = 64_000;

export class PlatformFailure extends Error {}

function stageMessage({ stage, run, runs }: Extract<GradeProgress, { type: "stage" }>): string {
  // An attempt of several runs says which run a stage belongs to ("run 2 of 3").
  const ofRuns = run !== undefined && runs !== undefined ? `, run ${run} of ${runs}` : "";
  switch (stage) {
    case "preparing":
      return "Preparing the data set";
    case "compiling":
      return "Checking your code";
    case "training":
      return `Training your model${ofRuns}`;
    case "scoring":
      return `Scoring on the held-out data${ofRuns}`;
  }
}

/** Whether the worker that claimed a submission still reports in. */
async function isWorkerAlive(workerId: string | null): Promise<boolean> {
  if (!workerId) return false;
  const heartbeat = await db.workerHeartbeat.findUnique({ where: { id: workerId }, select: { lastSeenAt: true } });
  return heartbeat !== null && Date.now() - heartbeat.lastSeenAt.getTime() < 3 * graderConfig.heartbeatMs;
}

/** Claims the submission for this worker; returns false when there is nothing left to do. */
async function claim(submissionId: string): Promise<boolean> {
  const submission = await db.submission.findUnique({
    where: { id: submissionId },
    select: { status: true, workerId: true, updatedAt: true },
  });
  if (!submission || TERMINAL.has(submission.status)) return false;
  const isTakeover = submission.status === "RUNNING";
  if (isTakeover && submission.workerId !== graderConfig.workerId && (await isWorkerAlive(submission.workerId))) {
    // Another worker is alive and grading it. Failing this delivery (rather than dropping it)
    // lets BullMQ try again later, in case that worker dies before it finishes.
    throw new PlatformFailure(`submission ${submissionId} is being graded by ${submission.workerId}`);
  }
  const claimed = await db.submission.updateMany({
    where: { id: submissionId, status: submission.status, updatedAt: submission.updatedAt },
    data: {
      status: "RUNNING",
      workerId: graderConfig.workerId,
      startedAt: new Date(),
      message: "Starting",
      curves: [],
      logs: "",
      ...(isTakeover ? { platformRetries: { increment: 1 } } : {}),
    },
  });
  return claimed.count === 1;
}

function resultData(result: GradeResult): Prisma.SubmissionUpdateInput {
  const receipt = result.receipt;
  return {
    status: result.status === "passed" ? "PASSED" : result.status === "failed" ? "FAILED" : "ERROR",
    failureKind: result.failureKind === "learner" ? "LEARNER" : result.failureKind === "platform" ? "PLATFORM" : null,
    failureCode: result.failureCode ?? null,
    message: result.message,
    score: result.score,
    threshold: result.threshold,
    metrics: result.metrics,
    curves: result.curves as unknown as Prisma.InputJsonValue,
    logs: formatLogs(result.logs, MAX_STORED_LOG_CHARS),
    finishedAt: new Date(),
    ...(receipt
      ? {
          datasetSha256: receipt.datasetSha256,
          heldOutSha256: receipt.heldOutSha256,
          graderVersion: receipt.graderVersion,
          backend: receipt.backend,
          seed: receipt.seed,
          isDeterministic: receipt.isDeterministic,
          certification: receipt.certification,
          trainingMs: Math.round(receipt.trainingMs),
          scoringMs: Math.round(receipt.scoringMs),
        }
      : {}),
  };
}

/** Seed of a submission's first grading, kept for regrades so they reproduce it. */
function seedFor(submissionId: string, stored: number | null): number {
  return stored ?? crypto.createHash("sha256").update(submissionId).digest().readUInt32BE(0) % 2 ** 31;
}

export async function processGradingJob(job: Job): Promise<void> {
  const { submissionId } = GradingJobSchema.parse(job.data);
  const log = logger.child({ component: "grader", workerId: graderConfig.workerId, jobId: job.id, submissionId });
  if (!(await claim(submissionId))) {
    log.info("nothing to do: already graded, or gone");
    return;
  }
  log.info({ delivery: job.attemptsMade + 1 }, "grading");
  const startedAt = performance.now();
  let phase: { name: string; startedAt: number } | null = null;
  const endPhase = () => {
    if (phase)
      log.debug({ phase: phase.name, durationMs: Math.round(performance.now() - phase.startedAt) }, "phase done");
  };
  await notifySubmissionChanged(submissionId);

  const submission = await db.submission.findUniqueOrThrow({
    where: { id: submissionId },
    select: {
      code: true,
      language: true,
      seed: true,
      userId: true,
      assignment: { select: { courseId: true } },
      assignmentVersion: { select: { spec: true } },
    },
  });
  const spec = AssignmentSpecSchema.parse(submission.assignmentVersion.spec);
  const seed = seedFor(submissionId, submission.seed);

  const progress = new ProgressWriter({
    maxLogChars: MAX_STORED_LOG_CHARS,
    save: async (data) => {
      await db.submission.updateMany({
        where: { id: submissionId, status: "RUNNING", workerId: graderConfig.workerId },
        data,
      });
      await notifySubmissionChanged(submissionId);
    },
    log,
  });
  // Keeps the row fresh during long silent phases, so the sweeper can tell a live job from a dead one.
  const keepAlive = setInterval(() => progress.write(true), 15_000);

  let result: GradeResult;
  try {
    result = await gradeSubmission({
      spec,
      code: submission.code,
      language: submission.language === "typescript" ? "typescript" : "javascript",
      seed,
      onProgress: (event) => {
        if (event.type === "stage") {
          endPhase();
          phase = { name: event.stage, startedAt: performance.now() };
          progress.stage(stageMessage(event));
        } else if (event.type === "epoch") {
          progress.epoch(event);
        } else {
          progress.line(event);
        }
      },
    });
  } finally {
    endPhase();
    clearInterval(keepAlive);
    await progress.settled();
  }
  const outcome = {
    status: result.status,
    failureKind: result.failureKind,
    failureCode: result.failureCode,
    score: result.score,
    durationMs: Math.round(performance.now() - startedAt),
  };

  const tries = job.attemptsMade + 1;
  const isLastTry = tries >= (job.opts.attempts ?? 1);
  if (result.status === "error" && result.failureKind === "platform" && !isLastTry) {
    // Hand it back: BullMQ retries with backoff, and the learner is not charged.
    await db.submission.updateMany({
      where: { id: submissionId, workerId: graderConfig.workerId },
      data: {
        status: "QUEUED",
        message: "Waiting to retry after a platform problem",
        platformRetries: { increment: 1 },
      },
    });
    await notifySubmissionChanged(submissionId);
    log.warn({ ...outcome, delivery: tries }, "platform failure; handed back to be retried");
    throw new PlatformFailure(result.message);
  }
  // The last try of a platform failure ends the submission as ERROR: the learner is told it is
  // over and is not charged (failureKind stays PLATFORM, which attempt accounting leaves out).
  const final =
    result.status === "error" && result.failureKind === "platform"
      ? {
          ...result,
          message:
            `${result.message}\nThe grader gave up after ${tries} ${tries === 1 ? "try" : "tries"}. ` +
            `This does not count as an attempt; please submit again later.`,
        }
      : result;
  const saved = await db.$transaction(async (tx) => {
    const updated = await tx.submission.updateMany({
      where: { id: submissionId, status: "RUNNING", workerId: graderConfig.workerId },
      data: { ...resultData(final), seed },
    });
    // A pass may complete the course. The certificate issuer, a process of its own, checks and
    // signs: this one handles learner artefacts and never holds the signing key.
    const certificateJob =
      updated.count === 1 && result.status === "passed" ? await recordCertificateJob(tx, submissionId) : null;
    if (updated.count === 1) await recordRegradeOutcome(tx, submissionId);
    // Every saved result, not only passes: a fail is a score too, and a regrade may take one back.
    const ltiScoreJob =
      updated.count === 1
        ? await recordLtiScoreJob(tx, { userId: submission.userId, courseId: submission.assignment.courseId })
        : null;
    return { count: updated.count, certificateJob, ltiScoreJob };
  });
  if (saved.count !== 1) {
    log.warn(outcome, "graded, but the submission was no longer this worker's to save");
    return;
  }
  log.info(outcome, "graded");
  if (saved.certificateJob) {
    // Not awaited: with Redis away the enqueue would wait for it, and hold this job. The stored row
    // already guarantees the check; the issuer relays what this enqueue leaves behind.
    void enqueueCertificateJob(saved.certificateJob).catch((error: unknown) =>
      log.warn({ err: error }, "certificate check recorded in Postgres; enqueue deferred"),
    );
  }
  // The same for the LMS score post: the issuer relays it when this enqueue is lost.
  void enqueueLtiScoreJob(saved.ltiScoreJob).catch((error: unknown) =>
    log.warn({ err: error }, "LTI score post recorded in Postgres; enqueue deferred"),
  );
  await notifySubmissionChanged(submissionId);
}
