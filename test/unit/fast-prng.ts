/** Seeded PRNG and random data shapes for the fast-structure property tests. */

/** mulberry32: tiny, fast, good enough for test data; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;

export const SIZES = [0, 1, 2, 10, 1000, 5000] as const;

export const int = (rng: Rng, n: number) => Math.floor(rng() * n);
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)] as T;

/** The bound-like values data and thresholds are drawn from, so ties and hits on bounds are common. */
export const SPECIAL = [-1000, -1, -0.01, -0, 0, 0.01, 1, 49.99, 50, 50.01, 1e4, 5e4, 1e5, 5e5, 5e6] as const;

/**
 * One random column in one of several shapes: few distinct values (heavy ties), special
 * values (exactly on typical bounds, negatives, zeros), cent amounts over a wide range,
 * lognormal; each with a random share of NaN.
 */
export function randomColumn(rng: Rng, n: number): Float64Array {
  const shape = int(rng, 4);
  const nanShare = pick(rng, [0, 0, 0.05, 0.3, 1]);
  const pool = Array.from({ length: 1 + int(rng, 6) }, () => Math.round((rng() - 0.3) * 200));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (rng() < nanShare) out[i] = NaN;
    else if (shape === 0) out[i] = pick(rng, pool);
    else if (shape === 1) out[i] = pick(rng, SPECIAL);
    else if (shape === 2) out[i] = Math.round((rng() - 0.2) * 1e8) / 100;
    else out[i] = Math.round(Math.exp(8 + 3 * gauss(rng)) * 100) / 100;
  }
  return out;
}

export function gauss(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** A threshold: a data value (ties!), a special value, ±Infinity, or a random number. */
export function randomThreshold(rng: Rng, data: Float64Array): number {
  const r = rng();
  if (r < 0.4 && data.length) {
    const v = data[int(rng, data.length)] as number;
    if (!Number.isNaN(v)) return v;
  }
  if (r < 0.6) return pick(rng, SPECIAL);
  if (r < 0.7) return pick(rng, [Infinity, -Infinity]);
  return Math.round((rng() - 0.3) * 2e6) / 100;
}

/** Brute-force cents, the same per-row rounding the structures promise. */
export const cents = (a: number) => (Number.isFinite(a) ? Math.round(a * 100) : 0);
