import { ident } from '../sql/quote';
import type { Scheme } from '../schemes/types';
import type { SqlQuery } from './tier-distribution';

/** The columns of a scheme's result that say why a customer is in a tier (a ladder's metric is the amount). */
export function drillColumnsOf(scheme: Scheme): string[] {
  if (scheme.kind === 'scorecard') return ['score'];
  if (scheme.kind === 'quadrant') return ['x', 'y'];
  if (scheme.kind === 'rfm') return ['r_score', 'f_score', 'm_score'];
  return [];
}

/** Customers whose `field` holds `value` (null: the field is empty), e.g. one branch. */
export interface SegmentGroup {
  readonly field: string;
  readonly value: string | null;
}

/**
 * A segment a chart shows, whose customers can be listed: one tier in a period (optionally in one
 * group, such as a branch), or the customers who moved from one tier to another between two
 * periods (`(new)` / `(gone)` for those absent in the first / second, as the migration matrix
 * counts them).
 */
export type Segment =
  | { readonly kind: 'tier'; readonly period: string | null; readonly tier: string; readonly group?: SegmentGroup }
  | { readonly kind: 'move'; readonly from: string; readonly to: string; readonly fromTier: string; readonly toTier: string };

/** What a drill reads: the scheme compiled over the dataset, and what the dataset has. */
export interface DrillSource {
  /** The compiled SELECT (customer_id, period, tier, the metric…). */
  readonly compiledSql: string;
  /** The dataset (or the filtered view of it), for names and branches. */
  readonly dataset: string;
  /** The result column holding the amount customers are ranked by (a ladder's metric), if any. */
  readonly amount?: string;
  readonly hasPeriod: boolean;
  readonly hasName: boolean;
  readonly hasBranch: boolean;
  /** Result columns a tier's list shows besides the amount: what the scheme tiers by (a score, the two axes). */
  readonly extras?: readonly string[];
  /** Whether the dataset has a column (a group's field must be one). */
  readonly hasColumn: (name: string) => boolean;
}

const periodIs = (column: string, period: string | null, params: string[]) => {
  if (period === null) return `${column} IS NULL`;
  params.push(period);
  return `CAST(${column} AS VARCHAR) = ?`;
};

/**
 * Name and branch of each customer in a period (one row each even where a file repeats one), and
 * the value of a group's field as `group_value`.
 */
function people(s: DrillSource, period: string | null, params: string[], group?: string): string | undefined {
  if (!s.hasName && !s.hasBranch && group === undefined) return undefined;
  const cols = [
    s.hasName ? 'any_value(customer_name) AS customer_name' : '',
    s.hasBranch ? 'any_value(branch) AS branch' : '',
    group === undefined ? '' : `CAST(any_value(${ident(group)}) AS VARCHAR) AS group_value`,
  ].filter(Boolean).join(', ');
  const where = s.hasPeriod ? periodIs('period', period, params) : 'TRUE';
  return `(SELECT customer_id, ${cols} FROM ${ident(s.dataset)} WHERE ${where} GROUP BY customer_id)`;
}

/**
 * The customers behind a segment, largest amount first (then by id), with name and branch where
 * the data has them; a move lists the amount and tier at both ends. Every value is a parameter.
 */
export function drillQuery(s: DrillSource, seg: Segment, limit?: number): SqlQuery {
  const params: string[] = [];
  const amount = (alias: string) => (s.amount === undefined ? 'NULL::DOUBLE' : `${alias}.${ident(s.amount)}::DOUBLE`);
  const tail = limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(limit))}`;
  const extra = `${s.hasName ? ', p.customer_name' : ''}${s.hasBranch ? ', p.branch' : ''}`;
  if (seg.kind === 'tier') {
    const group = seg.group;
    if (group && !s.hasColumn(group.field)) throw new Error(`a segment of "${group.field}" needs that column`);
    const who = people(s, seg.period, params, group?.field);
    const where = [periodIs('r.period', seg.period, params), 'r.tier = ?'];
    params.push(seg.tier);
    if (group) {
      if (group.value === null) where.push('p.group_value IS NULL');
      else {
        where.push('p.group_value = ?');
        params.push(group.value);
      }
    }
    const own = (s.extras ?? []).map((c) => `, r.${ident(c)}`).join('');
    return {
      sql: `SELECT r.customer_id${extra}, r.tier${own}, ${amount('r')} AS amount
        FROM (${s.compiledSql}) r${who ? ` LEFT JOIN ${who} p ON p.customer_id = r.customer_id` : ''}
        WHERE ${where.join(' AND ')}
        ORDER BY amount DESC NULLS LAST, r.customer_id${tail}`,
      params,
    };
  }
  // A move: the customer at both ends (either may be missing), the tier and amount at each.
  const aWhere = periodIs('period', seg.from, params);
  const bWhere = periodIs('period', seg.to, params);
  const who = people(s, seg.to, params);
  const whoFrom = people(s, seg.from, params);
  const name = s.hasName ? ', coalesce(p.customer_name, q.customer_name) AS customer_name' : '';
  const branch = s.hasBranch ? ', coalesce(p.branch, q.branch) AS branch' : '';
  params.push(seg.fromTier, seg.toTier);
  return {
    sql: `WITH a AS (SELECT * FROM (${s.compiledSql}) WHERE ${aWhere}), b AS (SELECT * FROM (${s.compiledSql}) WHERE ${bWhere}),
      m AS (SELECT coalesce(a.customer_id, b.customer_id) AS customer_id, coalesce(a.tier, '(new)') AS from_tier, coalesce(b.tier, '(gone)') AS to_tier,
                   ${amount('a')} AS amount_from, ${amount('b')} AS amount_to
            FROM a FULL OUTER JOIN b ON a.customer_id = b.customer_id)
      SELECT m.customer_id${name}${branch}, m.from_tier, m.to_tier, m.amount_from, m.amount_to
      FROM m${who ? ` LEFT JOIN ${who} p ON p.customer_id = m.customer_id LEFT JOIN ${whoFrom} q ON q.customer_id = m.customer_id` : ''}
      WHERE m.from_tier = ? AND m.to_tier = ?
      ORDER BY coalesce(m.amount_to, m.amount_from) DESC NULLS LAST, m.customer_id${tail}`,
    params,
  };
}
