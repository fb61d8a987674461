/**
 * Distance to the next better tier, for near-threshold (临界) customer lists: "this customer
 * needs ¥12,000 more to become `vip`".
 */
import type { LadderBound } from './sensitivity';

export interface TierGap {
  /** The tier just above the customer's current one. */
  readonly nextTier: string;
  /** Its inclusive lower bound. */
  readonly nextMin: number;
  /** `nextMin − value`, always > 0. */
  readonly gap: number;
}

/**
 * The next better tier and the amount needed to reach it, for a ladder of inclusive lower
 * bounds given best tier first. `null` when the value is at or above the top bound (no better
 * tier) or is not a finite number (a missing value is `unrated`, not "close" to anything).
 */
export function gapToNextTier(value: number, bounds: readonly LadderBound[]): TierGap | null {
  if (!Number.isFinite(value)) return null;
  // Bounds are best first, i.e. descending: the current tier is the first bound ≤ value, the
  // next better one is the bound just before it. Ladders are short; a scan is enough.
  let current = bounds.findIndex((b) => value >= b.min);
  if (current === -1) current = bounds.length; // below every bound: the bottom tier
  const next = bounds[current - 1];
  if (!next) return null;
  return { nextTier: next.tier, nextMin: next.min, gap: next.min - value };
}
