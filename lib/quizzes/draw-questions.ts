import crypto from "node:crypto";

/**
 * The questions of a new attempt, in the order shown. A lesson quiz (no draw count) shows every
 * question in the author's order; an exam draws `drawCount` at random from the bank with a
 * cryptographic shuffle, so no learner can predict or replay a draw.
 */
export function drawQuestions(
  orderedIds: string[],
  drawCount: number | null,
  randomInt: (max: number) => number = crypto.randomInt,
): string[] {
  if (drawCount === null) return [...orderedIds];
  const pool = [...orderedIds];
  // Fisher-Yates, stopped once the first `drawCount` places are settled.
  const count = Math.min(drawCount, pool.length);
  for (let index = 0; index < count; index++) {
    const pick = index + randomInt(pool.length - index);
    [pool[index], pool[pick]] = [pool[pick] as string, pool[index] as string];
  }
  return pool.slice(0, count);
}
