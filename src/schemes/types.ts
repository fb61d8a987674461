import type { FieldName } from '../ingest/vocabulary';

/** Labels are shown in Chinese by default, English on request. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

export interface TierDef {
  readonly id: string;
  readonly label: Label;
  /** Stable per tier, so the same tier has the same color in every chart and period. */
  readonly color: string;
}

/** Tier ids every scheme may produce besides its own: missing/invalid input. */
export const UNRATED: TierDef = { id: 'unrated', label: { zh: '未评级', en: 'Unrated' }, color: '#9e9e9e' };

/**
 * `ladder`: ordered lower bounds on one metric, best tier first. A bound is inclusive
 * (presets.md "Bounds"): tier i holds `min_i <= v < min_{i-1}`; the last tier has no bound.
 */
export interface LadderScheme {
  readonly format: 'tierlens-scheme';
  readonly version: 1;
  readonly id: string;
  readonly kind: 'ladder';
  readonly label: Label;
  readonly metric: FieldName;
  readonly tiers: readonly (TierDef & { readonly min?: number })[];
  /** Near-threshold (临界) bands `[from, to)`, each naming the tier it is close to. */
  readonly near?: readonly { readonly from: number; readonly to: number; readonly tier: string }[];
}

/** Scheme kinds grow with the scheme engine (rules, scorecard, quadrant, …). */
export type Scheme = LadderScheme;

/** All tiers a scheme can output, best first, `unrated` last. */
export function tiersOf(scheme: Scheme): readonly TierDef[] {
  return [...scheme.tiers.map(({ id, label, color }) => ({ id, label, color })), UNRATED];
}
