import { ident } from '../sql/quote';
import { tierExpression } from '../schemes/compile';
import { tiersOf, type Scheme } from '../schemes/types';

export interface TierCount {
  readonly tier: string;
  readonly customers: number;
  /** Sum of the scheme's metric over the tier's customers (NULL-free: unrated rows add nothing). */
  readonly amount: number;
}

export interface SqlQuery {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

/** Customers and amount per tier for one period (or all rows when `period` is undefined). */
export function tierDistributionQuery(scheme: Scheme, table: string, period: string | undefined): SqlQuery {
  const metric = ident(scheme.metric);
  const where = period === undefined ? '' : 'WHERE period = ?';
  return {
    sql: `SELECT tier, count(*)::INTEGER AS customers, coalesce(sum(CASE WHEN tier <> 'unrated' THEN ${metric} END), 0)::DOUBLE AS amount
      FROM (SELECT ${tierExpression(scheme)} AS tier, ${metric} FROM ${ident(table)} ${where}) GROUP BY tier`,
    params: period === undefined ? [] : [period],
  };
}

/** Rows in the scheme's tier order (best first, `unrated` last), with empty tiers as zeros. */
export function orderTierCounts(scheme: Scheme, rows: readonly Readonly<Record<string, unknown>>[]): TierCount[] {
  const byTier = new Map(rows.map((r) => [String(r.tier), r]));
  return tiersOf(scheme).map((t) => {
    const r = byTier.get(t.id);
    return { tier: t.id, customers: Number(r?.customers ?? 0), amount: Number(r?.amount ?? 0) };
  });
}
