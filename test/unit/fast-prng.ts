/** Seeded PRNG, random data shapes and brute-force references for the fast-structure property tests. */
import type { Bound, BoundInput } from '../../src/analysis/fast/bounds';

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

// — Random ladders and a brute-force SQL CASE reference —

/** Tier bucket exactly as `CASE WHEN v >= b0 THEN 0 WHEN v >= b1 THEN 1 ... ELSE k END`; NaN → -1. */
export function caseBucket(v: number, bounds: readonly BoundInput[]): number {
  if (Number.isNaN(v)) return -1;
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i] as BoundInput;
    const t = typeof b === 'number' ? b : b.value;
    const strict = typeof b !== 'number' && b.strict === true;
    if (strict ? v > t : v >= t) return i;
  }
  return bounds.length;
}

/**
 * Reference validity: each bound must admit strictly more of the line than the one before.
 * Judged by ordering (value, strict) pairs: `> x` admits less than `>= x`.
 */
export function ladderIsValid(bounds: readonly BoundInput[]): boolean {
  const key = (b: BoundInput): [number, number] => (typeof b === 'number' ? [b, 0] : [b.value, b.strict ? 1 : 0]);
  for (let i = 1; i < bounds.length; i++) {
    const [v, s] = key(bounds[i] as BoundInput);
    const [pv, ps] = key(bounds[i - 1] as BoundInput);
    if (Number.isNaN(v) || Number.isNaN(pv)) return false;
    if (!(v < pv || (v === pv && s < ps))) return false;
  }
  return !bounds.some((b) => Number.isNaN(typeof b === 'number' ? b : b.value));
}

/**
 * A random ladder of 0–6 bounds drawn from the data and special values, mostly in valid order
 * (sometimes a strict/inclusive pair on one value), sometimes shuffled or duplicated.
 */
export function randomLadder(rng: Rng, data: Float64Array): BoundInput[] {
  const k = int(rng, 7);
  const values = Array.from({ length: k }, () => randomThreshold(rng, data));
  const mode = rng();
  let bounds: BoundInput[];
  if (mode < 0.7) {
    const uniq = [...new Set(values.map((v) => (Object.is(v, -0) ? 0 : v)))].sort((a, b) => b - a);
    bounds = [];
    for (const v of uniq) {
      const strict = rng() < 0.3;
      if (strict && rng() < 0.4) bounds.push({ value: v, strict: true }, v); // tier of exactly v
      else bounds.push(strict ? ({ value: v, strict: true } satisfies Bound) : v);
    }
  } else {
    bounds = values.map((v) => (rng() < 0.3 ? { value: v, strict: true } : v));
    if (k && rng() < 0.3) bounds.push(pick(rng, bounds));
  }
  return bounds;
}
