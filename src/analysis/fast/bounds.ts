/**
 * Tier bounds as "cuts" of the real line, shared by every fast structure so that a threshold
 * means exactly what the SQL `CASE WHEN v >= min` (or `v > min`) means.
 *
 * A cut splits values into "below" and "passing". On a sorted array a cut is one index: the
 * first passing value. Inclusive bounds (`v >= x`) cut before the run of values equal to x,
 * strict bounds (`v > x`) after it; that is all the tie handling any structure needs.
 */

/** A tier's lower bound: values `>= value` pass, or `> value` when `strict`. */
export interface Bound {
  readonly value: number;
  readonly strict?: boolean;
}

/** A plain number is the usual inclusive bound (`v >= n`), as in scheme `min`. */
export type BoundInput = number | Bound;

/** Value of a bound; NaN is rejected because no comparison with it is ever true in SQL. */
export function boundValue(b: BoundInput): number {
  const v = typeof b === 'number' ? b : b.value;
  if (Number.isNaN(v)) throw new RangeError('bound must not be NaN');
  return v;
}

export function boundStrict(b: BoundInput): boolean {
  return typeof b !== 'number' && b.strict === true;
}

/** Rejects NaN thresholds in scalar queries (a NaN slider value is a caller bug, not "no rows"). */
export function checkThreshold(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('threshold must not be NaN');
  return x;
}

/**
 * Checks that a ladder's bounds go from the best tier down, i.e. each bound lets strictly more
 * of the line pass than the one before. Equal values are allowed only as `> x` followed by
 * `>= x` (a tier holding exactly x); anything else would make a tier's "between two bounds"
 * range differ from the SQL CASE, so it is an error rather than a silently different answer.
 */
export function checkLadder(bounds: readonly BoundInput[]): void {
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i] as BoundInput;
    const v = boundValue(b);
    if (i === 0) continue;
    const prev = bounds[i - 1] as BoundInput;
    const pv = boundValue(prev);
    const ok = v < pv || (v === pv && boundStrict(prev) && !boundStrict(b));
    if (!ok) throw new RangeError(`ladder bounds must decrease from the best tier down (bound ${i}: ${describe(b)} after ${describe(prev)})`);
  }
}

function describe(b: BoundInput): string {
  return `${boundStrict(b) ? '>' : '>='} ${boundValue(b)}`;
}

/** Number of entries of ascending `a[0..n)` that are `< x` (first index with a[i] >= x). */
export function lowerBound(a: Float64Array, x: number, n: number = a.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of entries of ascending `a[0..n)` that are `<= x`. */
export function upperBound(a: Float64Array, x: number, n: number = a.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first entry of ascending `a` that passes the bound (= count of entries below it). */
export function cutIndex(a: Float64Array, b: BoundInput, n: number = a.length): number {
  const v = boundValue(b);
  return boundStrict(b) ? upperBound(a, v, n) : lowerBound(a, v, n);
}
