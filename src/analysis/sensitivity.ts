import { sortAscending } from './sort-ascending';

/**
 * Threshold sensitivity of a ladder scheme: "if we moved this one lower bound by ±5% or ±10%,
 * how many customers (and how much of the metric) would change tier?"
 */

// Sorted-array helpers, exported for reuse: one sort, then any "how many values (and how
// much) lie in [lo, hi)" question costs two binary searches and two prefix-sum lookups.

/** Index of the first element `>= x` in an ascending array (`sorted.length` when none). */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element `> x` in an ascending array (`sorted.length` when none). */
export function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Finite values sorted ascending with prefix sums: `prefix[i]` = sum of the first i values. */
export interface SortedValues {
  readonly sorted: Float64Array;
  readonly prefix: Float64Array;
  /** NaN or infinite inputs left out (NaN is how callers mark a missing metric). */
  readonly missing: number;
}

/** Copies, drops non-finite values, sorts and builds prefix sums — the one O(n log n) step. */
export function sortValues(values: Float64Array | readonly number[]): SortedValues {
  const buf = new Float64Array(values.length);
  let n = 0;
  for (const v of values) if (Number.isFinite(v)) buf[n++] = v;
  const sorted = sortAscending(buf.subarray(0, n));
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + sorted[i]!;
  return { sorted, prefix, missing: values.length - n };
}

/** Count and sum of the values in the right-open interval `[lo, hi)`; empty when `hi <= lo`. */
export function rangeStats(s: SortedValues, lo: number, hi: number): { count: number; sum: number } {
  if (!(hi > lo)) return { count: 0, sum: 0 };
  const i = lowerBound(s.sorted, lo);
  const j = lowerBound(s.sorted, hi);
  return { count: j - i, sum: s.prefix[j]! - s.prefix[i]! };
}

/** One inclusive lower bound of a ladder, best tier first (the bottom tier has none). */
export interface LadderBound {
  readonly tier: string;
  readonly min: number;
}

/** Relative moves tried for every bound. */
export const DEFAULT_MOVES: readonly number[] = [-0.1, -0.05, 0.05, 0.1];

export interface BoundMove {
  /** The tier whose lower bound moves. */
  readonly tier: string;
  readonly min: number;
  /** Relative move, e.g. -0.05. */
  readonly move: number;
  /** `min × (1 + move)`, rounded to 12 significant digits to shed floating-point noise. */
  readonly newMin: number;
  /**
   * `up`: the bound drops, values in `[newMin, min)` enter `tier` from the tier below.
   * `down`: the bound rises, values in `[min, newMin)` fall to the tier below.
   * `none`: the bound does not move (it is 0).
   */
  readonly direction: 'up' | 'down' | 'none';
  /** Customers whose tier changes. */
  readonly customers: number;
  /** Sum of their metric values. */
  readonly amount: number;
  /**
   * The new bound passes a neighbouring bound, so the ladder would no longer be ordered and a
   * simple one-tier move no longer describes the change; the counts still give the customers
   * between the old and new bound.
   */
  readonly crossesNeighbour: boolean;
}

export interface Sensitivity {
  /** Bound by bound in ladder order, each with its moves in the order given. */
  readonly moves: readonly BoundMove[];
  /** Customers with a valid value. */
  readonly n: number;
  /** Missing (NaN) or infinite values, which no bound move reaches (they are `unrated`). */
  readonly missing: number;
}

function checkBounds(bounds: readonly LadderBound[]): void {
  bounds.forEach((b, i) => {
    if (!Number.isFinite(b.min)) throw new Error(`Sensitivity: bound of "${b.tier}" is not a finite number`);
    const prev = bounds[i - 1];
    if (prev && !(b.min < prev.min)) {
      throw new Error(`Sensitivity: bounds must decrease, best tier first ("${prev.tier}" ${prev.min}, then "${b.tier}" ${b.min})`);
    }
  });
}

/**
 * For each bound and each relative move, the customers who change tier when only that bound
 * moves. Bounds are inclusive lower bounds (presets.md "Bounds"), so the affected values form
 * the right-open interval between old and new bound: `[L', L)` when it drops to L', `[L, L')`
 * when it rises. `values` may be a {@link SortedValues} from an earlier call, to skip the sort
 * when the same metric is queried again (e.g. while a slider moves).
 */
export function thresholdSensitivity(
  values: Float64Array | readonly number[] | SortedValues,
  bounds: readonly LadderBound[],
  moves: readonly number[] = DEFAULT_MOVES,
): Sensitivity {
  checkBounds(bounds);
  const s = 'prefix' in values ? values : sortValues(values);
  const out: BoundMove[] = [];
  bounds.forEach((b, i) => {
    const above = bounds[i - 1]?.min ?? Infinity;
    const below = bounds[i + 1]?.min ?? -Infinity;
    for (const move of moves) {
      if (!Number.isFinite(move) || move <= -1) throw new Error(`Sensitivity: move ${move} must be a finite number above -1`);
      // Rounded to 12 significant digits: 50,000 × 1.1 is 55000.00000000001 in floating point,
      // which would wrongly count a customer with exactly 55,000 as moving.
      const newMin = Number((b.min * (1 + move)).toPrecision(12));
      // With a negative bound, "+10%" lowers it; the direction follows the new value, not the sign of the move.
      const direction = newMin < b.min ? 'up' : newMin > b.min ? 'down' : 'none';
      const r = direction === 'up' ? rangeStats(s, newMin, b.min) : rangeStats(s, b.min, newMin);
      out.push({
        tier: b.tier,
        min: b.min,
        move,
        newMin,
        direction,
        customers: r.count,
        amount: r.sum,
        crossesNeighbour: newMin >= above || newMin <= below,
      });
    }
  });
  return { moves: out, n: s.sorted.length, missing: s.missing };
}
