// Practice runs share the "grading" queue (and so its workers) under a job name of their own.
// BullMQ takes jobs without a priority first, then prioritised ones by lowest number; a practice
// job's number is above every graded job's (learners' live work has none, regrades REGRADE_PRIORITY),
// so whatever graded work waits is always taken before any practice run.
import { z } from "zod";
import { REGRADE_PRIORITY } from "./grading-queue";

export const PRACTICE_JOB_NAME = "practice";

export const PRACTICE_PRIORITY = REGRADE_PRIORITY * 2;

export const PracticeJobSchema = z.object({
  /** The practice run to execute; its code and lab are read from Postgres by the worker. */
  practiceRunId: z.string().min(1).max(64),
});
export type PracticeJob = z.infer<typeof PracticeJobSchema>;

/**
 * One retry for a platform failure (a worker lost mid-run), then the run ends as an error: it is
 * free to start again, and a practice run retried for minutes would answer a question nobody is
 * still asking.
 */
export const PRACTICE_JOB_OPTIONS = {
  attempts: 2,
  backoff: { type: "fixed" as const, delay: 2_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 1_000 },
};
