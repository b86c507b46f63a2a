// What a regrade does to a submission row. Regrades re-queue the SAME row rather than adding a
// copy: attempt accounting (lib/submissions/attempt-policy) counts every row the platform did not
// fail, so a copy would charge the learner an attempt; the grader keeps a row's stored seed, so
// grading the same row again reproduces the original run; and the gradebook and certificates read
// one row per attempt with no rule about which copy wins. What the row said before is kept in the
// audit entry of the regrade.
import { Prisma } from "../generated/prisma/client";
import type { SubmissionStatus } from "../generated/prisma/enums";

/** Only a finished submission can be regraded; one still queued or running is left to finish. */
export const REGRADABLE_STATUSES: SubmissionStatus[] = ["PASSED", "FAILED", "ERROR"];

/** Clears the previous result (kept in the audit log) so nobody reads a stale score while the regrade waits. */
export function regradeResetData(now: Date): Prisma.SubmissionUpdateManyMutationInput {
  return {
    status: "QUEUED",
    isRegrade: true,
    message: "Queued for regrading",
    failureKind: null,
    failureCode: null,
    score: null,
    metrics: Prisma.DbNull,
    curves: Prisma.DbNull,
    logs: "",
    workerId: null,
    platformRetries: 0,
    datasetSha256: null,
    heldOutSha256: null,
    graderVersion: null,
    backend: null,
    isDeterministic: null,
    certification: Prisma.DbNull,
    trainingMs: null,
    scoringMs: null,
    queuedAt: now,
    startedAt: null,
    finishedAt: null,
  };
}

/** The fields of a submission's result that an audit entry keeps when a regrade replaces them. */
export const PREVIOUS_RESULT_SELECT = {
  status: true,
  failureKind: true,
  failureCode: true,
  score: true,
  metrics: true,
  certification: true,
  graderVersion: true,
  backend: true,
  datasetSha256: true,
  finishedAt: true,
} satisfies Prisma.SubmissionSelect;
