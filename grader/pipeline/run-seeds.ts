// The seed of each training run of a graded attempt. Run 1 keeps the submission's stored seed, so a
// lab that makes one run grades exactly as it did before several runs existed; later runs derive
// theirs from it, so a regrade (which reuses the stored seed) reproduces every run.
import { createHash } from "node:crypto";

const SEED_RANGE = 2 ** 31;

/** The seed of run `run` (1 for the first) of an attempt whose own seed is `seed`. */
export function runSeed(seed: number, run: number): number {
  if (run === 1) return seed;
  return createHash("sha256").update(`gradient-run:${seed}:${run}`).digest().readUInt32BE(0) % SEED_RANGE;
}
