import type { Prisma } from "../generated/prisma/client";

/**
 * Learner failures the grader finds on the host before any learner code runs (the module does not
 * parse, imports what the sandbox lacks, or exports no train: grader/pipeline/check-module.ts).
 * They cost nothing: no training ran. The sandbox can never produce these codes (classify-run.ts
 * maps every code it does not know to "exception"), so a run cannot claim one to go uncharged.
 */
export const HOST_FOUND_FAILURE_CODES = ["syntax_error", "unavailable_import", "no_train_export"] as const;
export type HostFoundFailureCode = (typeof HOST_FOUND_FAILURE_CODES)[number];

/**
 * The submissions of any learner and lab that count as attempts: all but those the platform failed to grade and those
 * that failed before train() could start.
 */
export const CHARGED_ATTEMPT_FILTER = {
  OR: [
    { failureKind: null },
    {
      failureKind: "LEARNER",
      OR: [{ failureCode: null }, { failureCode: { notIn: [...HOST_FOUND_FAILURE_CODES] } }],
    },
  ],
} satisfies Prisma.SubmissionWhereInput;

/** Submissions that count as attempts (see CHARGED_ATTEMPT_FILTER). */
export function chargedAttemptsWhere(userId: string, assignmentId: string): Prisma.SubmissionWhereInput {
  return { userId, assignmentId, ...CHARGED_ATTEMPT_FILTER };
}

/** The same rule for one submission already read, for pages that mark uncharged ones. */
export function isChargedAttempt(submission: { failureKind: string | null; failureCode: string | null }): boolean {
  if (submission.failureKind === null) return true;
  if (submission.failureKind !== "LEARNER") return false;
  return !(HOST_FOUND_FAILURE_CODES as readonly string[]).includes(submission.failureCode ?? "");
}

interface LimitSources {
  version: { deadline: Date | null; maxAttempts: number | null };
  courseDeadline: Date | null;
  extension: { deadline: Date | null; extraAttempts: number } | null;
}

/** The deadline and attempt limit that apply to one learner, extensions included. */
export function effectiveLimits({ version, courseDeadline, extension }: LimitSources): {
  deadline: Date | null;
  maxAttempts: number | null;
} {
  const deadline = extension?.deadline ?? version.deadline ?? courseDeadline;
  const maxAttempts = version.maxAttempts === null ? null : version.maxAttempts + (extension?.extraAttempts ?? 0);
  return { deadline, maxAttempts };
}
