/**
 * The scheme format: a tiering system as plain JSON data (`format: "tierlens-scheme"`,
 * `version: 1`). Presets ship as such files; users open, edit and save their own. Every
 * condition and derived value is an expression string in the small language of `expr/`,
 * parsed and compiled — never pasted into SQL.
 */

/** Labels are shown in Chinese by default, English on request. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

export interface TierDef {
  readonly id: string;
  readonly label: Label;
  /** Stable per tier, so a tier has the same color in every chart and period. */
  readonly color: string;
}

/** The state of a customer whose needed input is missing or invalid (never the lowest tier). */
export const UNRATED: TierDef = { id: 'unrated', label: { zh: '未评级', en: 'Unrated' }, color: '#9e9e9e' };

/** A value computed from fields, usable wherever a field is (`profit = a + b - c`). */
export interface DerivedField {
  readonly name: string;
  readonly expr: string;
  readonly label?: Label;
}

/** Checked before the main rule, first match wins (e.g. defaulted → `D`). */
export interface Override {
  readonly when: string;
  readonly tier: string;
}

/** A lower bound of a tier: `value >= min` (or `value > min` when `inclusive` is false). */
export interface Bound {
  readonly tier: string;
  readonly min: number;
  readonly inclusive?: boolean;
}

interface Common {
  readonly format: 'tierlens-scheme';
  readonly version: 1;
  readonly id: string;
  readonly label: Label;
  readonly description?: Label;
  /** Output tiers, best first. `unrated` is implicit and always last. */
  readonly tiers: readonly TierDef[];
  readonly derived?: readonly DerivedField[];
  /** Checked first, in order. */
  readonly overrides?: readonly Override[];
  /**
   * Fields that may be absent from the data (presets.md: optional override fields such as
   * `is_strategic` or `closed`). Absent, they read as NULL, so a condition that needs them does
   * not match. Fields used by overrides are always optional.
   */
  readonly optional?: readonly string[];
}

/** Ordered lower bounds on one metric, best tier first. */
export interface LadderScheme extends Common {
  readonly kind: 'ladder';
  readonly metric: string;
  readonly bounds: readonly Bound[];
  /** Tier for values under the last bound; without it they are `unrated`. */
  readonly below?: string;
  /** Near-threshold (临界) bands `[from, to)`, each naming the tier it is close to. */
  readonly near?: readonly { readonly from: number; readonly to: number; readonly tier: string }[];
}

/** Ordered conditions, first match wins. */
export interface RulesScheme extends Common {
  readonly kind: 'rules';
  /** Inputs that must be present (and, for amounts, not negative), or the row is unrated. */
  readonly requires: readonly string[];
  readonly rules: readonly { readonly when: string; readonly tier: string }[];
  readonly otherwise: string;
}

/** Weighted components summed to a score, graded by cut-offs. */
export interface ScorecardScheme extends Common {
  readonly kind: 'scorecard';
  readonly requires: readonly string[];
  readonly components: readonly { readonly id: string; readonly label: Label; readonly expr: string }[];
  /** Decimals the score is rounded to before grading. */
  readonly digits: number;
  readonly bounds: readonly Bound[];
  readonly below: string;
  /** When true for a row, its grade is provisional (e.g. new customers). */
  readonly provisional?: string;
}

/** Two axes with cuts: four named cells. `hh` = x ≥ cut and y ≥ cut; `lh` = x below, y at or above. */
export interface QuadrantScheme extends Common {
  readonly kind: 'quadrant';
  readonly x: { readonly expr: string; readonly cut: number; readonly label: Label };
  readonly y: { readonly expr: string; readonly cut: number; readonly label: Label };
  readonly cells: { readonly hh: string; readonly lh: string; readonly hl: string; readonly ll: string };
}

/** Cuts of one profile dimension: fixed values, or quantiles of the period (R type 7). */
export type ProfileCuts =
  | { readonly method: 'fixed'; readonly high: number; readonly medium: number }
  | { readonly method: 'quantile'; readonly high: number; readonly medium: number };

/** Several dimensions scored H/M/L; the tier id is the letters in dimension order (e.g. `HML`). */
export interface ProfileScheme extends Common {
  readonly kind: 'profile';
  readonly dimensions: readonly { readonly id: string; readonly label: Label; readonly expr: string; readonly cuts: ProfileCuts }[];
}

/** ABC by cumulative share of a metric, sorted descending (ties by customer id). */
export interface ParetoScheme extends Common {
  readonly kind: 'pareto';
  readonly metric: string;
  /** `tier` while the share of the total strictly before the customer is below `below`. */
  readonly classes: readonly { readonly tier: string; readonly below: number }[];
  readonly rest: string;
  /** Tier for values ≤ 0 or missing. */
  readonly invalid: string;
}

/** Recency–frequency–monetary scores (R package `rfm` method) and segments. */
export interface RfmScheme extends Common {
  readonly kind: 'rfm';
  /** Probabilities of the type-7 quantile cut points (four of them for five bins). */
  readonly quantiles: readonly number[];
  readonly segments: readonly {
    readonly tier: string;
    readonly r: readonly [number, number];
    readonly f: readonly [number, number];
    readonly m: readonly [number, number];
  }[];
  readonly otherwise: string;
}

export type Scheme = LadderScheme | RulesScheme | ScorecardScheme | QuadrantScheme | ProfileScheme | ParetoScheme | RfmScheme;
export type SchemeKind = Scheme['kind'];

/** All tiers a scheme can output, best first, `unrated` last. */
export function tiersOf(scheme: Scheme): readonly TierDef[] {
  return [...scheme.tiers, UNRATED];
}
