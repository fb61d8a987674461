import { ident, str } from '../sql/quote';
import type { SqlQuery } from './tier-distribution';

/**
 * Long-form transition counts between two periods of an applied-scheme result table: one row
 * per non-empty (from_tier, to_tier) cell; `(new)` for customers absent in the first period,
 * `(gone)` for those absent in the second (presets.md "Migration"). With an amount column, the
 * amounts at the start (`amount_from`) and the end (`amount_to`) of each cell are summed too.
 */
export function transitionQuery(resultTable: string, from: string, to: string, tierOrder: readonly string[], amount?: string): SqlQuery {
  const order = (col: string) => `CASE ${col} ${['(new)', ...tierOrder, '(gone)'].map((t, i) => `WHEN ${str(t)} THEN ${i}`).join(' ')} ELSE ${tierOrder.length + 2} END`;
  const amt = amount === undefined ? '' : `, ${ident(amount)} AS amt`;
  const sums = amount === undefined ? '' : `, coalesce(sum(round(a.amt * 100)), 0) / 100 AS amount_from, coalesce(sum(round(b.amt * 100)), 0) / 100 AS amount_to`;
  return {
    sql: `WITH a AS (SELECT customer_id, tier${amt} FROM ${ident(resultTable)} WHERE CAST(period AS VARCHAR) = ${str(from)}),
      b AS (SELECT customer_id, tier${amt} FROM ${ident(resultTable)} WHERE CAST(period AS VARCHAR) = ${str(to)})
      SELECT * FROM (
        SELECT coalesce(a.tier, '(new)') AS from_tier, coalesce(b.tier, '(gone)') AS to_tier, count(*)::INTEGER AS customers${sums}
        FROM a FULL OUTER JOIN b ON a.customer_id = b.customer_id GROUP BY 1, 2)
      ORDER BY ${order('from_tier')}, ${order('to_tier')}`,
    // Periods are inlined through the quoting module: the query must also run inside COPY,
    // which takes no parameters.
    params: [],
  };
}
