// What one attempt shows and in which order: a variant of each group, the exam's draw from its
// bank, the questions' order and each question's choices. All of it follows from the attempt's
// seed, drawn from the operating system's generator when the attempt starts and stored with it,
// so the page, a reload and the grading agree, and nothing the learner sends can steer it.
import crypto from "node:crypto";

export interface BankQuestion {
  id: string;
  /** Questions sharing a group are variants: an attempt draws one of them. */
  variantGroup: string | null;
}

/** A new attempt's seed. */
export function newShuffleSeed(): string {
  return crypto.randomBytes(32).toString("hex");
}

/**
 * `items` in the order the seed gives them. Sorting by a keyed hash of each item is a uniform
 * shuffle, and an item keeps its rank when others are added or removed (a question edited later).
 */
export function shuffleWithSeed<T>(seed: string, scope: string, items: readonly T[], keyOf: (item: T) => string): T[] {
  return items
    .map((item) => ({
      item,
      rank: crypto
        .createHmac("sha256", seed)
        .update(`${scope}\n${keyOf(item)}`)
        .digest("hex"),
    }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .map(({ item }) => item);
}

function unitOf(question: BankQuestion): string {
  return question.variantGroup === null ? `question ${question.id}` : `group ${question.variantGroup}`;
}

/** How many questions an attempt shows: one per group or lone question, at most `drawCount`. */
export function questionsPerAttempt(bank: readonly BankQuestion[], drawCount: number | null): number {
  const units = new Set(bank.map(unitOf)).size;
  return drawCount === null ? units : Math.min(drawCount, units);
}

/** The questions of a new attempt, in the order shown: one variant per group, then `drawCount` of them (the exam). */
export function drawQuestions(bank: readonly BankQuestion[], drawCount: number | null, seed: string): string[] {
  const drawn = new Map<string, string>();
  for (const question of shuffleWithSeed(seed, "variant", bank, (candidate) => candidate.id)) {
    const unit = unitOf(question);
    if (!drawn.has(unit)) drawn.set(unit, question.id);
  }
  const ordered = shuffleWithSeed(seed, "question", [...drawn.values()], (id) => id);
  return drawCount === null ? ordered : ordered.slice(0, drawCount);
}

/** A question's choices in the attempt's order; an attempt from before shuffling (no seed) keeps the author's. */
export function orderChoices<T extends { id: string }>(seed: string | null, questionId: string, choices: T[]): T[] {
  return seed === null ? choices : shuffleWithSeed(seed, `choices ${questionId}`, choices, (choice) => choice.id);
}
