// A small seeded generator: Math.random cannot be seeded, and the split, the synthetic data and
// the sandbox's seeded training must come out identical on every machine and Node version.

/** mulberry32: 32-bit state, uniform floats in [0, 1). */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
