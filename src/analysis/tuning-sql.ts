import { ident, str } from '../sql/quote';
import { overrideBranches, Resolver, type CompileContext } from '../schemes/compile';
import { UNRATED, type LadderScheme, type QuadrantScheme, type Scheme } from '../schemes/types';
import type { SqlQuery } from './tier-distribution';

/**
 * Extraction queries for the fast tuning path: run once per scheme and period, they hand the
 * threshold-independent part of a scheme to TypeScript. Per row: `fixed` = the tier decided
 * without any threshold (an override, or `unrated` for invalid input) as a small integer (see
 * `fixedTiers`; NULL when the thresholds decide), and the value(s) the thresholds act on.
 *
 * Why integers and one value column: a 12M-row panel's extraction took 1.8 s in DuckDB-WASM
 * (Node) with `fixed` as text (NULL nearly everywhere) and the amount as a second copy of the
 * metric; 1.0 s with a code and the metric once. Every byte also crosses to the page's thread.
 */

/** `fixed` code k (1-based) stands for `fixedTiers(scheme)[k - 1]`: the overrides in order, then unrated. */
export function fixedTiers(scheme: Scheme): string[] {
  return [...(scheme.overrides ?? []).map((o) => o.tier), UNRATED.id];
}

function fixedSql(scheme: Scheme, r: Resolver, invalid: string): string {
  const overrides = overrideBranches(scheme, r, (_tier, k) => String(k + 1));
  return `CASE ${[...overrides, `WHEN ${invalid} THEN ${overrides.length + 1}`].join(' ')} ELSE NULL END::INTEGER`;
}

const inPeriod = (period: string | null) => (period === null ? 'period IS NULL' : 'CAST(period AS VARCHAR) = ?');
const periodParams = (...periods: (string | null)[]) => periods.filter((p): p is string => p !== null);

/**
 * Every period at once (one scan for a tier mix over time): the periods, in order. Each row
 * gets `period_no`, its period's 1-based position in the list (NULL for a period not in it),
 * a small integer rather than the period's text: grouping 12M rows by text took ~1.8 s in the page.
 */
export interface AllPeriods {
  readonly allPeriods: readonly string[];
}

/**
 * Ladder inputs of one period (or of several, with {@link AllPeriods}): `fixed`, and `v`, the
 * metric (NaN when missing) on every row — also where `fixed` decides the tier, since a metric
 * that is an amount (`amountColumnOf`) is summed for override tiers too — plus the `group`
 * column if asked.
 */
export function ladderInputsQuery(scheme: LadderScheme, ctx: CompileContext, period: string | null | AllPeriods, group?: string): SqlQuery {
  const r = new Resolver(scheme, ctx);
  const fixed = fixedSql(scheme, r, r.invalid([scheme.metric]));
  const all = period !== null && typeof period === 'object' ? period.allPeriods : undefined;
  const columns = [
    `${fixed} AS fixed`,
    `coalesce(${r.name(scheme.metric)}::DOUBLE, 'NaN'::DOUBLE) AS v`,
    // Groups as text: a number column (a product code) groups the same way as a text one.
    ...(group === undefined ? [] : [`CAST(${ident(group)} AS VARCHAR) AS ${ident(group)}`]),
    ...(all === undefined ? [] : [`list_position([${all.map(str).join(', ')}]::VARCHAR[], CAST(period AS VARCHAR))::INTEGER AS period_no`]),
  ];
  const where = all === undefined ? ` WHERE ${inPeriod(period as string | null)}` : '';
  return {
    sql: `SELECT ${columns.join(', ')} FROM ${ident(ctx.table)}${where}`,
    params: all === undefined ? periodParams(period as string | null) : [],
  };
}

/**
 * Two periods of a ladder metric, per customer: `grp` is `both`, `from` (gone by the second
 * period) or `to` (new in it); v0/v1 are NaN where a customer is unrated in that period.
 */
export function transitionInputsQuery(scheme: LadderScheme, ctx: CompileContext, from: string, to: string): SqlQuery {
  if (scheme.overrides?.length) throw new Error(`scheme ${scheme.id}: the fast transition path does not handle overrides; use the SQL path`);
  const r = new Resolver(scheme, ctx);
  const v = `CASE WHEN ${r.invalid([scheme.metric])} THEN 'NaN'::DOUBLE ELSE ${r.name(scheme.metric)}::DOUBLE END`;
  const side = (p: string) => `SELECT customer_id, ${v} AS v FROM ${ident(ctx.table)} WHERE CAST(period AS VARCHAR) = ${str(p)}`;
  return {
    sql: `SELECT CASE WHEN a.customer_id IS NULL THEN 'to' WHEN b.customer_id IS NULL THEN 'from' ELSE 'both' END AS grp,
        coalesce(a.v, 'NaN'::DOUBLE) AS v0, coalesce(b.v, 'NaN'::DOUBLE) AS v1
      FROM (${side(from)}) a FULL OUTER JOIN (${side(to)}) b ON a.customer_id = b.customer_id`,
    params: [],
  };
}

/** Quadrant inputs of one period: `fixed` (overrides, or unrated when an axis is missing), x, y. */
export function quadrantInputsQuery(scheme: QuadrantScheme, ctx: CompileContext, period: string | null): SqlQuery {
  const r = new Resolver(scheme, ctx);
  const x = `(${r.expr(scheme.x.expr)})`;
  const y = `(${r.expr(scheme.y.expr)})`;
  const fixed = fixedSql(scheme, r, `${x} IS NULL OR ${y} IS NULL`);
  return {
    sql: `SELECT fixed, CASE WHEN fixed IS NULL THEN x ELSE 'NaN'::DOUBLE END AS x, CASE WHEN fixed IS NULL THEN y ELSE 'NaN'::DOUBLE END AS y FROM (
      SELECT ${fixed} AS fixed, ${x}::DOUBLE AS x, ${y}::DOUBLE AS y FROM ${ident(ctx.table)} WHERE ${inPeriod(period)})`,
    params: periodParams(period),
  };
}
