// Executes one queued practice run and keeps its row up to date for the learner's live view. Like
// graded work, Postgres is the truth: a run already finished does nothing when delivered again.
// Unlike graded work, nothing here is charged or graded, so a run the platform could not finish
// after its one retry simply ends as ERROR and the learner starts another.
import crypto from "node:crypto";
import type { Job } from "bullmq";
import { AssignmentSpecSchema } from "../../lib/assignments/spec-schema";
import { db } from "../../lib/db";
import type { Prisma } from "../../lib/generated/prisma/client";
import { logger } from "../../lib/log";
import { PracticeJobSchema } from "../../lib/queue/practice-job";
import { notifySubmissionChanged } from "../../lib/submissions/progress-channel";
import { graderConfig } from "../config";
import type { GradeProgress } from "../pipeline/grade-types";
import { PlatformFailure } from "../process-grading-job";
import { formatLogs, ProgressWriter } from "../progress-writer";
import { runPractice, type PracticeResult } from "./run-practice";

const MAX_STORED_LOG_CHARS = 16_000;
const FINISHED = new Set(["COMPLETED", "FAILED", "ERROR"]);

function stageMessage(stage: Extract<GradeProgress, { type: "stage" }>["stage"]): string {
  switch (stage) {
    case "preparing":
      return "Preparing the practice sample";
    case "compiling":
      return "Checking your code";
    case "training":
      return "Training on the practice sample";
    case "scoring":
      return "Scoring on the validation sample";
  }
}

/** Claims the run for this worker: a queued one, or a running one whose worker stopped writing to it. */
async function claim(practiceRunId: string): Promise<boolean> {
  const run = await db.practiceRun.findUnique({
    where: { id: practiceRunId },
    select: { status: true, updatedAt: true },
  });
  if (!run || FINISHED.has(run.status)) return false;
  const claimed = await db.practiceRun.updateMany({
    where: { id: practiceRunId, status: run.status, updatedAt: run.updatedAt },
    data: {
      status: "RUNNING",
      workerId: graderConfig.workerId,
      startedAt: new Date(),
      message: "Starting",
      curves: [],
      logs: "",
      ...(run.status === "RUNNING" ? { platformRetries: { increment: 1 } } : {}),
    },
  });
  return claimed.count === 1;
}

function resultData(result: PracticeResult): Prisma.PracticeRunUpdateManyMutationInput {
  return {
    status: result.status === "completed" ? "COMPLETED" : result.status === "failed" ? "FAILED" : "ERROR",
    failureCode: result.failureCode,
    message: result.message,
    errorLine: result.line,
    errorColumn: result.column,
    metricValue: result.metricValue,
    metrics: result.metrics,
    outputShape: result.outputShape,
    parameters: result.parameters,
    curves: result.curves as unknown as Prisma.InputJsonValue,
    logs: formatLogs(result.logs, MAX_STORED_LOG_CHARS),
    finishedAt: new Date(),
  };
}

export async function processPracticeJob(job: Job): Promise<void> {
  const { practiceRunId } = PracticeJobSchema.parse(job.data);
  const log = logger.child({ component: "grader", workerId: graderConfig.workerId, jobId: job.id, practiceRunId });
  if (!(await claim(practiceRunId))) {
    log.info("nothing to do: already run, or gone");
    return;
  }
  await notifySubmissionChanged(practiceRunId);
  const run = await db.practiceRun.findUniqueOrThrow({
    where: { id: practiceRunId },
    select: { code: true, language: true, assignmentVersion: { select: { spec: true } } },
  });
  const spec = AssignmentSpecSchema.parse(run.assignmentVersion.spec);
  const startedAt = performance.now();

  const progress = new ProgressWriter({
    maxLogChars: MAX_STORED_LOG_CHARS,
    save: async (data) => {
      await db.practiceRun.updateMany({
        where: { id: practiceRunId, status: "RUNNING", workerId: graderConfig.workerId },
        data,
      });
      await notifySubmissionChanged(practiceRunId);
    },
    log,
  });

  let result: PracticeResult;
  try {
    result = await runPractice({
      spec,
      code: run.code,
      language: run.language === "typescript" ? "typescript" : "javascript",
      // Practice is a check, not a record: a seed of its own per run, derived so a retry repeats it.
      seed: crypto.createHash("sha256").update(practiceRunId).digest().readUInt32BE(0) % 2 ** 31,
      onProgress: (event) => {
        if (event.type === "stage") {
          progress.stage(stageMessage(event.stage));
        } else if (event.type === "epoch") {
          progress.epoch(event);
        } else {
          progress.line(event);
        }
      },
    });
  } finally {
    await progress.settled();
  }
  const outcome = {
    status: result.status,
    failureCode: result.failureCode,
    metricValue: result.metricValue,
    durationMs: Math.round(performance.now() - startedAt),
  };

  const tries = job.attemptsMade + 1;
  if (result.status === "error" && tries < (job.opts.attempts ?? 1)) {
    await db.practiceRun.updateMany({
      where: { id: practiceRunId, workerId: graderConfig.workerId },
      data: {
        status: "QUEUED",
        message: "Waiting to retry after a platform problem",
        platformRetries: { increment: 1 },
      },
    });
    await notifySubmissionChanged(practiceRunId);
    log.warn({ ...outcome, delivery: tries }, "practice run: platform failure; handed back to be retried");
    throw new PlatformFailure(result.message);
  }
  const saved = await db.practiceRun.updateMany({
    where: { id: practiceRunId, status: "RUNNING", workerId: graderConfig.workerId },
    data: resultData(result),
  });
  if (saved.count !== 1) {
    log.warn(outcome, "practice run finished, but it was no longer this worker's to save");
    return;
  }
  log.info(outcome, "practice run finished");
  await notifySubmissionChanged(practiceRunId);
}
