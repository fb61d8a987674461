/** Random ladders and a brute-force SQL CASE reference for the fast-structure tests. */
import type { Bound, BoundInput } from '../../src/analysis/fast/bounds';
import { int, pick, randomThreshold, type Rng } from './fast-prng';

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
