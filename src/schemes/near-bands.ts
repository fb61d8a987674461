import type { LadderScheme } from './types';

/**
 * A near-threshold (临界) band as it applies to the working ladder: customers of tier `below`
 * whose value lies in [from, to) (or [from, to] when the bound is strict) are close to `tier`.
 */
export interface NearBand {
  readonly tier: string;
  /** The tier just below `tier`: only its customers can be near `tier`. */
  readonly below: string;
  readonly from: number;
  /** `tier`'s working lower bound. */
  readonly to: number;
  /** The bound is `value > to` (not inclusive), so a value equal to it is still below. */
  readonly strict: boolean;
}

/**
 * The scheme's near bands against its working bounds. A band is defined relative to its
 * tier's bound: it keeps its lower end's ratio to the bound (a saved [40,000, 50,000) is
 * 0.8 × the bound), ends at the bound, and starts no lower than the bound of the tier just
 * below, so a tuned threshold carries its band along and a customer is only ever near the next
 * tier up. Bands of tiers that are not on the ladder are dropped.
 */
export function workingNearBands(scheme: LadderScheme): NearBand[] {
  const out: NearBand[] = [];
  for (const band of scheme.near ?? []) {
    const i = scheme.bounds.findIndex((b) => b.tier === band.tier);
    const bound = scheme.bounds[i];
    if (!bound) continue;
    const lower = scheme.bounds[i + 1];
    const below = lower?.tier ?? scheme.below;
    if (below === undefined) continue;
    // Multiply before dividing: 300,000 × 300,000 / 500,000 is exactly 180,000.
    const scaled = band.to !== 0 ? (band.from * bound.min) / band.to : band.from;
    const from = Math.max(Math.round(scaled * 100) / 100, lower?.min ?? -Infinity);
    if (from < bound.min) out.push({ tier: band.tier, below, from, to: bound.min, strict: bound.inclusive === false });
  }
  return out;
}

/** The tier a customer of `tier` with `value` is near, or null. */
export function nearTierOf(value: number | null, tier: string, bands: readonly NearBand[]): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  const band = bands.find((b) => b.below === tier && value >= b.from && (b.strict ? value <= b.to : value < b.to));
  return band?.tier ?? null;
}
