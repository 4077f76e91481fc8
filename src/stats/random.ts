// Seeded pseudo-random numbers so every resampling result is reproducible.

/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number;

// mulberry32 (Tommy Ettinger, 2017): 32-bit state, period 2^32, good enough for resampling.
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Uniform integer in [0, n).
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

// Standard normal variate by the Box–Muller transform (used for simulations).
export function randomNormal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1], avoids log(0)
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

// Bernoulli(p) draw.
export function randomBernoulli(rng: Rng, p: number): boolean {
  return rng() < p;
}
