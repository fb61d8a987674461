import type { Row } from '../engine/rows';
import { ident, num } from '../sql/quote';
import type { Scheme } from '../schemes/types';
import { amountColumnOf, type SqlQuery } from './tier-distribution';

/** What the movers queries compare: two compiled schemes over the same dataset, in one period. */
export interface MoverSource {
  /** The saved scheme's compiled SELECT (customer_id, period, tier, …). */
  readonly savedSql: string;
  /** The working scheme's compiled SELECT. */
  readonly workingSql: string;
  /** The dataset table, for the customers' names and branches. */
  readonly dataset: string;
  readonly period: string | null;
  /** The working result's column holding the amount movers are ranked by (a ladder's metric), if any. */
  readonly amount?: string;
  /** Dataset columns present. */
  readonly hasPeriod: boolean;
  readonly hasName: boolean;
  readonly hasBranch: boolean;
}

/** The customers whose tier differs, joined to the dataset for name and branch; params in text order. */
function movers(s: MoverSource): { from: string; params: string[] } {
  const inPeriod = (p: string) => (s.period === null ? `${p} IS NULL` : `CAST(${p} AS VARCHAR) = ?`);
  const periodParam = s.period === null ? [] : [s.period];
  const params: string[] = [];
  let joined = '';
  if (s.hasName || s.hasBranch) {
    // One row per customer and period even where the file repeats a customer.
    const cols = [s.hasName ? 'any_value(customer_name) AS customer_name' : '', s.hasBranch ? 'any_value(branch) AS branch' : ''].filter(Boolean).join(', ');
    const period = s.hasPeriod ? 'period' : 'NULL::VARCHAR AS period';
    joined = ` LEFT JOIN (SELECT customer_id, ${period}, ${cols} FROM ${ident(s.dataset)} WHERE ${s.hasPeriod ? inPeriod('period') : 'true'} GROUP BY ALL) d
      ON d.customer_id = a.customer_id AND d.period IS NOT DISTINCT FROM a.period`;
    if (s.hasPeriod) params.push(...periodParam);
  }
  params.push(...periodParam);
  const from = `(${s.savedSql}) a JOIN (${s.workingSql}) b ON a.customer_id = b.customer_id AND a.period IS NOT DISTINCT FROM b.period${joined}
    WHERE ${inPeriod('a.period')} AND a.tier <> b.tier`;
  return { from, params };
}

/**
 * The movers, largest amount first (ties and schemes without an amount by customer id), with
 * name and branch where the data has them; `limit` for the list a view shows, none for export.
 */
export function moverListQuery(s: MoverSource, limit?: number): SqlQuery {
  const { from, params } = movers(s);
  const amount = s.amount === undefined ? '' : `, b.${ident(s.amount)}::DOUBLE AS amount`;
  const extra = `${s.hasName ? ', d.customer_name' : ''}${s.hasBranch ? ', d.branch' : ''}`;
  const order = s.amount === undefined ? 'a.customer_id' : `b.${ident(s.amount)} DESC NULLS LAST, a.customer_id`;
  return {
    sql: `SELECT a.customer_id, CAST(a.period AS VARCHAR) AS period${extra}, a.tier AS saved_tier, b.tier AS new_tier${amount} FROM ${from} ORDER BY ${order}${limit === undefined ? '' : ` LIMIT ${num(limit)}`}`,
    params,
  };
}

/** Movers per (saved tier, new tier) with their amount in whole cents: the totals without a fast path. */
export function moverCellsQuery(s: MoverSource): SqlQuery {
  const { from, params } = movers({ ...s, hasName: false, hasBranch: false });
  const cents = s.amount === undefined ? '0' : `coalesce(sum(round(b.${ident(s.amount)} * 100)), 0)`;
  return { sql: `SELECT a.tier AS saved_tier, b.tier AS new_tier, count(*)::INTEGER AS customers, (${cents})::DOUBLE AS cents FROM ${from} GROUP BY ALL`, params };
}

/** The column movers are ranked by: a ladder's metric (it is its amount), else the scheme's amount column. */
export function moverAmountOf(scheme: Scheme): string | undefined {
  return scheme.kind === 'ladder' ? scheme.metric : amountColumnOf(scheme);
}

/** Movers as listed: rows of customer_id, period, saved_tier, new_tier, and the columns flagged. */
export interface MoverList {
  readonly rows: readonly Row[];
  readonly name: boolean;
  readonly branch: boolean;
  readonly amount: boolean;
}
