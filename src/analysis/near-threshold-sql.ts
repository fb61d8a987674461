import { ident, num, str } from '../sql/quote';
import type { LadderScheme } from '../schemes/types';
import type { SqlQuery } from './tier-distribution';

/**
 * The near-threshold (临界) list of a ladder scheme for one period: customers in a near band,
 * with the tier they are close to and the gap to its bound, smallest gap first.
 */
export function nearThresholdQuery(source: { readonly table: string } | { readonly compiledSql: string }, scheme: LadderScheme, period: string | null, limit = 1000): SqlQuery {
  // Rows come from a result table, or straight from a compiled scheme's SELECT (ours, not user text).
  const from = 'table' in source ? ident(source.table) : `(${source.compiledSql}) AS r`;
  const metric = ident(scheme.metric);
  const boundOf = `CASE near_tier ${scheme.bounds.map((b) => `WHEN ${str(b.tier)} THEN ${num(b.min)}`).join(' ')} END`;
  return {
    sql: `SELECT customer_id, period, tier, near_tier, ${metric} AS value, ${boundOf} - ${metric} AS gap
      FROM ${from} WHERE near_tier IS NOT NULL AND ${period === null ? 'period IS NULL' : 'CAST(period AS VARCHAR) = ?'}
      ORDER BY gap, customer_id LIMIT ${Math.max(0, Math.floor(limit))}`,
    params: period === null ? [] : [period],
  };
}
