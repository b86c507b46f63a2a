// How big and how long a practice run ("Check my code") is. Shared by the lab page, which shows
// the sizes, and the grader, which carves the samples and sets the clock.
import type { AssignmentSpec } from "../assignments/spec-schema";

/** Enough rows for a loss curve to move and a metric to mean something, few enough to train in seconds. */
const PRACTICE_ROWS = 512;
const VALIDATION_ROWS = 256;
/** A check answers "does it run, and roughly how well": a short clock keeps it cheap to ask often. */
const PRACTICE_SECONDS = 20;

export interface PracticeBudget {
  /** Rows of the public TRAIN split the practice run trains on. */
  practiceRows: number;
  /** Other rows of the public TRAIN split its metric is computed on. */
  validationRows: number;
  trainingSeconds: number;
}

export function practiceBudget(spec: Pick<AssignmentSpec, "split" | "budget">): PracticeBudget {
  const { trainSize } = spec.split;
  // Small training splits still keep a validation sample: at most a quarter of the rows.
  const validationRows = Math.min(VALIDATION_ROWS, Math.floor(trainSize / 4));
  return {
    practiceRows: Math.min(PRACTICE_ROWS, trainSize - validationRows),
    validationRows,
    trainingSeconds: Math.min(spec.budget.trainingSeconds, PRACTICE_SECONDS),
  };
}
