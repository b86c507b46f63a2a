// The two public samples of a practice run, both carved from the TRAIN split the learner's code
// already receives when graded: a practice sample to train on and a validation sample to score on.
// Neither can hold a held-out row, because the TRAIN split cannot (prepare.ts takes the two from
// disjoint parts of one permutation), and the carve needs no secret: it only reorders public rows.
import type { AssignmentSpec } from "@/lib/assignments/spec-schema";
import { practiceBudget } from "@/lib/practice/practice-budget";
import { seededRandom } from "../harness/seeded-random.mjs";
import { gather, hashSplit, type PreparedDataset, type Split } from "./types";

/** A fixed offset so the carve's shuffle is not the same stream as the split seed's other draws. */
const CARVE_SEED_OFFSET = 0x5eed;

/** Indices into the TRAIN split: a seeded shuffle, practice rows first, validation rows next. */
export function practiceIndices(
  trainSize: number,
  spec: Pick<AssignmentSpec, "split" | "budget">,
): { practice: Int32Array; validation: Int32Array } {
  const { practiceRows, validationRows } = practiceBudget(spec);
  const order = Int32Array.from({ length: trainSize }, (_, i) => i);
  const random = seededRandom((spec.split.seed + CARVE_SEED_OFFSET) % 2 ** 31);
  for (let i = trainSize - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swap;
  }
  return {
    practice: order.slice(0, practiceRows),
    validation: order.slice(practiceRows, practiceRows + validationRows),
  };
}

function pick(split: Split, indices: Int32Array): Split {
  return { xs: gather(split.xs, indices), ys: gather(split.ys, indices) };
}

/**
 * The lab's data as a practice run sees it: `train` is the practice sample and `heldOut` the
 * validation sample, so the sandbox and the scorer take it exactly as they take a graded run's.
 */
export function practiceDataset(
  dataset: PreparedDataset,
  spec: Pick<AssignmentSpec, "split" | "budget">,
): PreparedDataset {
  const trainSize = dataset.train.xs.shape[0] ?? 0;
  const { practice, validation } = practiceIndices(trainSize, spec);
  const train = pick(dataset.train, practice);
  const heldOut = pick(dataset.train, validation);
  return { ...dataset, train, heldOut, trainSha256: hashSplit(train), heldOutSha256: hashSplit(heldOut) };
}
