import { ident } from '../sql/quote';
import { tiersOf, type Scheme } from '../schemes/types';
import { isFieldName, fieldByName } from '../ingest/vocabulary';

export interface TierCount {
  readonly tier: string;
  readonly customers: number;
  /** Sum of the scheme's amount over the tier's customers (0 when the scheme has no amount). */
  readonly amount: number;
}

export interface SqlQuery {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

/**
 * The amount a tier mix is weighed by: a ladder's or ABC's metric when it is money
 * (AUM, sales); none for scores and rules.
 */
export function amountColumnOf(scheme: Scheme): string | undefined {
  if (scheme.kind !== 'ladder' && scheme.kind !== 'pareto') return undefined;
  return isFieldName(scheme.metric) && fieldByName(scheme.metric).kind === 'amount' ? scheme.metric : undefined;
}

/**
 * Customers and amount per period and tier of an applied-scheme result table. Amounts are
 * summed in whole cents so every engine and the fast path give the same total to the cent.
 */
export function tierCountsQuery(resultTable: string, amount: string | undefined): SqlQuery {
  const sum = amount === undefined ? '0' : `coalesce(sum(CASE WHEN tier <> 'unrated' THEN round(${ident(amount)} * 100) END), 0) / 100`;
  return {
    sql: `SELECT period, tier, count(*)::INTEGER AS customers, (${sum})::DOUBLE AS amount FROM ${ident(resultTable)} GROUP BY period, tier ORDER BY period, tier`,
    params: [],
  };
}

/** One period's rows in the scheme's tier order (best first, `unrated` last), empty tiers as zeros. */
export function orderTierCounts(scheme: Scheme, rows: readonly Readonly<Record<string, unknown>>[], period?: string | null): TierCount[] {
  const byTier = new Map(rows.filter((r) => period === undefined || (r.period ?? null) === period).map((r) => [String(r.tier), r]));
  return tiersOf(scheme).map((t) => {
    const r = byTier.get(t.id);
    return { tier: t.id, customers: Number(r?.customers ?? 0), amount: Number(r?.amount ?? 0) };
  });
}
