// A rule of the lab the learner's code broke (a custom loop where fit() is required, epochs past
// the budget). The refusal is thrown where the rule is broken, so the stack points there, and it is
// also remembered: code that catches it and carries on still ends as that failure.
export class LearnerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "LearnerError";
  }
}

let firstRefusal: LearnerError | null = null;

/** Deep enough to reach the learner's own frame below tfjs's (setWeights() is eight calls from assign()). */
const REFUSAL_STACK_FRAMES = 50;

export function refuse(code: string, message: string): never {
  const { stackTraceLimit } = Error;
  Error.stackTraceLimit = REFUSAL_STACK_FRAMES;
  const error = new LearnerError(code, message);
  Error.stackTraceLimit = stackTraceLimit;
  firstRefusal ??= error;
  throw error;
}

/** The first rule broken in this run, whether or not the learner's code caught its error. */
export function brokenRule(): LearnerError | null {
  return firstRefusal;
}
