/**
 * Population Stability Index of the tier mix between two periods: how far the share of
 * customers per tier has drifted from a baseline (expected) to a later (actual) period.
 */

export type PsiBand = 'stable' | 'moderate' | 'significant';

export interface PsiTier {
  readonly tier: string;
  /** Share of the expected (baseline) customers, before flooring. */
  readonly expected: number;
  /** Share of the actual customers, before flooring. */
  readonly actual: number;
  /** `(a − e) · ln(a / e)` on the floored shares; never negative. */
  readonly contribution: number;
}

export interface PsiResult {
  readonly psi: number;
  readonly perTier: readonly PsiTier[];
  readonly band: PsiBand;
}

export interface PsiOptions {
  /** Lowest share used in the formula, so an empty tier gives a large but finite term. */
  readonly floor?: number;
  /** Order of `perTier`; defaults to the keys of `expected`, then new keys of `actual`. */
  readonly tiers?: readonly string[];
}

/** Conventional bands: < 0.1 stable, 0.1 to < 0.25 moderate shift, ≥ 0.25 significant shift. */
export function psiBand(psi: number): PsiBand {
  if (psi < 0.1) return 'stable';
  if (psi < 0.25) return 'moderate';
  return 'significant';
}

function shares(counts: Readonly<Record<string, number>>, tiers: readonly string[], what: string): number[] {
  const values = tiers.map((t) => counts[t] ?? 0);
  for (const [i, v] of values.entries()) {
    if (!Number.isFinite(v) || v < 0) throw new Error(`PSI: invalid ${what} count ${v} for tier "${tiers[i]}"`);
  }
  const total = values.reduce((s, v) => s + v, 0);
  if (total === 0) throw new Error(`PSI: the ${what} period has no customers`);
  return values.map((v) => v / total);
}

/**
 * `PSI = Σ (a − e) · ln(a / e)` over tiers, with a and e the actual and expected shares.
 * A tier missing from one side counts as 0 customers there. Shares below `floor` (default
 * 0.0001) are raised to it and not renormalised — the usual practice, and it keeps each
 * tier's term independent of the others. Throws when either side has no customers.
 */
export function psi(expectedCounts: Readonly<Record<string, number>>, actualCounts: Readonly<Record<string, number>>, options: PsiOptions = {}): PsiResult {
  const floor = options.floor ?? 0.0001;
  if (!(floor > 0 && floor < 1)) throw new Error(`PSI: floor must be in (0, 1), got ${floor}`);
  const tiers = options.tiers ?? [...new Set([...Object.keys(expectedCounts), ...Object.keys(actualCounts)])];
  if (options.tiers) {
    const listed = new Set(options.tiers);
    for (const k of [...Object.keys(expectedCounts), ...Object.keys(actualCounts)]) {
      // Silently dropping a tier would understate the drift.
      if (!listed.has(k)) throw new Error(`PSI: tier "${k}" is not in the given tier list`);
    }
  }
  const e = shares(expectedCounts, tiers, 'expected');
  const a = shares(actualCounts, tiers, 'actual');
  const perTier = tiers.map((tier, i) => {
    const ei = Math.max(e[i]!, floor);
    const ai = Math.max(a[i]!, floor);
    return { tier, expected: e[i]!, actual: a[i]!, contribution: (ai - ei) * Math.log(ai / ei) };
  });
  const value = perTier.reduce((s, t) => s + t.contribution, 0);
  return { psi: value, perTier, band: psiBand(value) };
}
