import type { Prisma } from "../generated/prisma/client";

/** Submissions that count as attempts: all but those the platform failed to grade. */
export function chargedAttemptsWhere(userId: string, assignmentId: string): Prisma.SubmissionWhereInput {
  return { userId, assignmentId, OR: [{ failureKind: null }, { failureKind: "LEARNER" }] };
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
