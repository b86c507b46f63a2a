// Where a graded run's failure lies in the learner's code. The grader stores no line and column for a submission;
// it writes them at the head of one of the message's lines ("Your code does not parse:\nline 2, column 13: ..."),
// 1-based (grader/pipeline/check-module.ts, compile-submission.ts).
const LOCATION = /^line (\d+), column (\d+): /m;

export interface ErrorLocation {
  line: number;
  column: number;
  message: string;
}

export function errorLocationOf(message: string | null): ErrorLocation | null {
  const found = message ? LOCATION.exec(message) : null;
  if (!message || !found) return null;
  return { line: Number(found[1]), column: Number(found[2]), message };
}
