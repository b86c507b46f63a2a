// When a learner may start another attempt at a quiz, and when the answer key may be shown. The
// key is shown only once it can no longer help with a later attempt: the quiz is passed (which
// closes it) or its attempts are used up. The course's teachers are exempt: they may try a quiz
// as often as they like and can read its key in authoring anyway.

export interface QuizLimits {
  /** Null: no limit. */
  maxAttempts: number | null;
  cooldownMinutes: number;
}

export interface AttemptRecord {
  submittedAt: Date | null;
  isPassed: boolean | null;
}

export type NextAttempt =
  | { kind: "may_start" }
  | { kind: "passed" }
  | { kind: "used_up"; maxAttempts: number }
  | { kind: "cooling_down"; opensAt: Date };

interface PolicyInput {
  quiz: QuizLimits;
  /** Every attempt of the learner at the quiz, open or graded. */
  attempts: readonly AttemptRecord[];
  isTeacher: boolean;
}

/** Whether a new attempt may start now; the caller resumes an open attempt before asking. */
export function nextAttempt({ quiz, attempts, isTeacher }: PolicyInput, now: Date = new Date()): NextAttempt {
  if (isTeacher) return { kind: "may_start" };
  if (attempts.some((attempt) => attempt.isPassed === true)) return { kind: "passed" };
  if (quiz.maxAttempts !== null && attempts.length >= quiz.maxAttempts)
    return { kind: "used_up", maxAttempts: quiz.maxAttempts };
  const lastGraded = Math.max(...attempts.map((attempt) => attempt.submittedAt?.getTime() ?? -Infinity));
  if (quiz.cooldownMinutes > 0 && Number.isFinite(lastGraded)) {
    const opensAt = new Date(lastGraded + quiz.cooldownMinutes * 60_000);
    if (now.getTime() < opensAt.getTime()) return { kind: "cooling_down", opensAt };
  }
  return { kind: "may_start" };
}

/** Whether graded attempts may show the correct answers. */
export function isKeyShown({ quiz, attempts, isTeacher }: PolicyInput): boolean {
  if (isTeacher || attempts.some((attempt) => attempt.isPassed === true)) return true;
  const isUsedUp = quiz.maxAttempts !== null && attempts.length >= quiz.maxAttempts;
  return isUsedUp && attempts.every((attempt) => attempt.submittedAt !== null);
}
