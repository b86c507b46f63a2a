// Seeded draws for the synthetic data's published part (its relation and its training rows), from
// the same generator the sandbox seeds training with. Held-out rows never come from here: a 32-bit
// seed can be searched for (keyed-random.ts).
import { seededRandom } from "../harness/seeded-random.mjs";

/** Standard normal draws by Box-Muller from any uniform [0, 1) source. */
export function gaussianFrom(uniform: () => number): () => number {
  return () => {
    const u = 1 - uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** Standard normal draws from the seeded generator. */
export function seededGaussian(seed: number): () => number {
  return gaussianFrom(seededRandom(seed));
}
