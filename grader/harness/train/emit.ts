// The harness's one channel to the grader: a JSON object per line on stdout. The write is taken
// before the learner's module loads, so code that replaces process.stdout.write cannot silence the
// harness; it can still print lines of its own, which the grader reads as the learner's (classify-run.ts).

const writeLine = process.stdout.write.bind(process.stdout);
// Taken for the same reason: a learner's no-op process.exit must not let a failed run carry on.
const exit: (code: number) => never = process.exit.bind(process);

export type HarnessRecord =
  | { type: "log"; level: "info" | "warn" | "error"; text: string }
  | { type: "epoch"; epoch: number; loss: number | null; metric?: number; elapsedMs: number }
  | { type: "learner_start" }
  | { type: "error"; code: string; message: string; stack?: string }
  | { type: "done"; epochs: number; trainingMs: number; parameters: number; stoppedAtDeadline: boolean };

/** Written synchronously: stdout is a pipe in the sandbox, which Node writes without buffering. */
export function emit(record: HarnessRecord): void {
  writeLine(`${JSON.stringify(record)}\n`);
}

const FAILURE_EXIT_CODE = 3;

/**
 * Ends the run with a failure record. The record says what went wrong, never whose fault it is:
 * the grader decides that from what it observed itself (whether learner_start came first).
 */
export function fail(code: string, message: string, stack?: string): never {
  emit({ type: "error", code, message, ...(stack ? { stack } : {}) });
  exit(FAILURE_EXIT_CODE);
}

/** Ends a run that trained and saved its model. */
export function finish(): never {
  exit(0);
}
