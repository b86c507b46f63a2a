// Types for seeded-random.mjs, which stays plain JavaScript because it also runs in the sandbox.
export function seededRandom(seed: number): () => number;
