import { sortAscending } from './sort-ascending';

/**
 * Concentration of an amount (AUM, deposits, revenue…) over customers: Lorenz and Pareto
 * curves, the Gini coefficient and the share held by the top customers.
 */

/** Amounts cleaned and sorted once, so several measures on the same column share one sort. */
export interface SortedAmounts {
  readonly kind: 'sorted-amounts';
  /** Valid amounts, ascending. */
  readonly values: Float64Array;
  /** Sum of `values`. */
  readonly total: number;
  /** Negative, NaN or infinite amounts left out (they are not valid amounts, presets.md "Missing or invalid input"). */
  readonly excluded: number;
}

export type AmountsInput = Float64Array | readonly number[] | SortedAmounts;

/** Drops invalid amounts (negative, NaN, ±Infinity — an infinite sum has no shares) and sorts the rest ascending. */
export function sortAmounts(amounts: AmountsInput): SortedAmounts {
  if ('kind' in amounts) return amounts;
  const src = amounts;
  const values = new Float64Array(src.length);
  let n = 0;
  for (const v of src) if (Number.isFinite(v) && v >= 0) values[n++] = v;
  const sorted = sortAscending(values.subarray(0, n));
  let total = 0;
  for (const v of sorted) total += v;
  return { kind: 'sorted-amounts', values: sorted, total, excluded: src.length - n };
}

export interface CurvePoint {
  /** Cumulative share of customers. */
  readonly x: number;
  /** Cumulative share of the amount. */
  readonly y: number;
}

export interface Curve {
  /** At most {@link MAX_CURVE_POINTS}, from (0,0) to (1,1); empty when there are no valid amounts. */
  readonly points: readonly CurvePoint[];
  /** Customers with a valid amount. */
  readonly n: number;
  readonly total: number;
  readonly excluded: number;
}

/** A chart cannot show more than a few hundred points usefully; 200 segments keep the curve smooth. */
export const MAX_CURVE_POINTS = 201;

/**
 * Samples the cumulative curve of `ordered` (customer k at position k) at ≤ 201 customer counts.
 * All amounts zero means every customer holds the same (nothing): the curve is the diagonal.
 */
function cumulativeCurve(ordered: (k: number) => number, s: SortedAmounts): Curve {
  const n = s.values.length;
  const base = { n, total: s.total, excluded: s.excluded };
  if (n === 0) return { points: [], ...base };
  const segments = Math.min(n, MAX_CURVE_POINTS - 1);
  const points: CurvePoint[] = [];
  let cum = 0;
  let k = 0;
  for (let p = 0; p <= segments; p++) {
    // Exact customer counts, so x is a true cumulative share and the last point is (1, 1).
    const upto = Math.round((p * n) / segments);
    while (k < upto) cum += ordered(k++);
    points.push({ x: upto / n, y: s.total === 0 ? upto / n : p === segments ? 1 : cum / s.total });
  }
  return { points, ...base };
}

/** Lorenz curve: customers ascending by amount; (cumulative customer share, cumulative amount share). */
export function lorenz(amounts: AmountsInput): Curve {
  const s = sortAmounts(amounts);
  return cumulativeCurve((k) => s.values[k]!, s);
}

/** Pareto curve: customers descending by amount, so it shows how few customers hold most of it. */
export function pareto(amounts: AmountsInput): Curve {
  const s = sortAmounts(amounts);
  const last = s.values.length - 1;
  return cumulativeCurve((k) => s.values[last - k]!, s);
}

export interface GiniResult {
  /** 0 = all equal, → 1 = one customer holds everything. NaN with no valid amounts; 0 when all are zero. */
  readonly gini: number;
  readonly n: number;
  readonly excluded: number;
}

/** Exact Gini coefficient, `G = Σ (2i − n − 1) x_i / (n Σ x)` over amounts sorted ascending (i from 1). */
export function gini(amounts: AmountsInput): GiniResult {
  const s = sortAmounts(amounts);
  const n = s.values.length;
  if (n === 0) return { gini: NaN, n, excluded: s.excluded };
  if (s.total === 0) return { gini: 0, n, excluded: s.excluded };
  let num = 0;
  s.values.forEach((x, idx) => {
    num += (2 * (idx + 1) - n - 1) * x;
  });
  return { gini: num / (n * s.total), n, excluded: s.excluded };
}

export interface TopShareResult {
  /** Share of the total held by the top customers. NaN with no valid amounts. */
  readonly share: number;
  /** Customers counted as "top": `ceil(fraction × n)`. */
  readonly topCount: number;
  readonly n: number;
  readonly excluded: number;
}

/**
 * Share of the total held by the top `fraction` of customers by count (default 0.2: the
 * Pareto "top 20%"), rounding the count up so a small book still has a top customer. All
 * amounts zero → each holds an equal share, so the share is `topCount / n`.
 */
export function topShare(amounts: AmountsInput, fraction = 0.2): TopShareResult {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`topShare: fraction must be in (0, 1], got ${fraction}`);
  const s = sortAmounts(amounts);
  const n = s.values.length;
  // The tolerance keeps float noise (0.07 × 100 = 7.000000000000001) from adding a customer.
  const topCount = n === 0 ? 0 : Math.min(n, Math.max(1, Math.ceil(fraction * n - 1e-9)));
  if (n === 0) return { share: NaN, topCount, n, excluded: s.excluded };
  if (s.total === 0) return { share: topCount / n, topCount, n, excluded: s.excluded };
  let top = 0;
  for (let k = n - topCount; k < n; k++) top += s.values[k]!;
  return { share: top / s.total, topCount, n, excluded: s.excluded };
}
