/**
 * Segments side by side: the tier mix of a few groups of customers (branches, customer types…)
 * against the whole table they come from, with each group's PSI against the whole.
 */
import { psi, type PsiBand } from './psi';

/** Customers of one group in one tier (a group of null: the field is empty). */
export interface GroupTierCount {
  readonly group: string | null;
  readonly tier: string;
  readonly customers: number;
  /** Their amount, where the scheme has one. */
  readonly amount?: number | null;
}

export interface SegmentMix {
  /** The group's value; null for customers whose field is empty. */
  readonly value: string | null;
  readonly customers: number;
  /** Customers per tier, in the tier order given. */
  readonly counts: readonly number[];
  /** Its PSI against the whole; undefined when the group has no customers in the period. */
  readonly psi?: number;
  readonly band?: PsiBand;
}

export interface SegmentComparison {
  /** Tier ids, best first (the order of every `counts`). */
  readonly tiers: readonly string[];
  /** Every customer of the period (all groups, not only those compared). */
  readonly whole: { readonly customers: number; readonly counts: readonly number[] };
  readonly segments: readonly SegmentMix[];
  /** How many groups the period has (what could be chosen). */
  readonly groups: number;
}

/** At most this many segments side by side: beyond it the small multiples stop being legible. */
export const MAX_SEGMENTS = 6;
/** Shown when none are chosen: the largest groups. */
export const DEFAULT_SEGMENTS = 4;

/**
 * The comparison of `chosen` groups (the largest {@link DEFAULT_SEGMENTS} when none are; at most
 * {@link MAX_SEGMENTS}, repeats dropped) from per-group tier counts of one period.
 */
export function compareSegments(rows: readonly GroupTierCount[], tiers: readonly string[], chosen?: readonly (string | null)[]): SegmentComparison {
  const index = new Map(tiers.map((t, i) => [t, i]));
  const byGroup = new Map<string | null, number[]>();
  const whole = tiers.map(() => 0);
  for (const r of rows) {
    const i = index.get(r.tier);
    if (i === undefined) throw new Error(`segments: tier "${r.tier}" is not one of the scheme's`);
    let counts = byGroup.get(r.group);
    if (!counts) byGroup.set(r.group, (counts = tiers.map(() => 0)));
    counts[i]! += r.customers;
    whole[i]! += r.customers;
  }
  const sum = (c: readonly number[]) => c.reduce((s, n) => s + n, 0);
  const wholeCustomers = sum(whole);
  const largest = [...byGroup.entries()].sort((a, b) => sum(b[1]) - sum(a[1]) || String(a[0]).localeCompare(String(b[0]), 'zh-CN')).map(([g]) => g);
  const values = [...new Set(chosen && chosen.length > 0 ? chosen : largest.slice(0, DEFAULT_SEGMENTS))].slice(0, MAX_SEGMENTS);
  const asRecord = (c: readonly number[]) => Object.fromEntries(tiers.map((t, i) => [t, c[i]!]));
  const segments = values.map((value): SegmentMix => {
    const counts = byGroup.get(value) ?? tiers.map(() => 0);
    const customers = sum(counts);
    if (customers === 0 || wholeCustomers === 0) return { value, customers, counts };
    const r = psi(asRecord(whole), asRecord(counts), { tiers });
    return { value, customers, counts, psi: r.psi, band: r.band };
  });
  return { tiers, whole: { customers: wholeCustomers, counts: whole }, segments, groups: byGroup.size };
}
