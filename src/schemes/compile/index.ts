import { ident, num, str } from '../../sql/quote';
import { UNRATED, type LadderScheme, type ParetoScheme, type ProfileScheme, type QuadrantScheme, type RfmScheme, type RulesScheme, type Scheme, type ScorecardScheme } from '../types';
import { MissingFieldError, Resolver, asOfSql, overrideBranches, type CompileContext } from './context';
import { ladderBranches } from './ladder';
import { workingNearBands } from '../near-bands';
import { scoreExpression } from '../score-row';

export { MissingFieldError, Resolver, overrideBranches, type CompileContext } from './context';

/** A scheme compiled against one dataset: the SQL that tiers every row, and what it outputs. */
export interface CompiledScheme {
  /** `SELECT customer_id, period, tier, …extras FROM …` — one row per customer and period. */
  readonly sql: string;
  /** Extra output columns after `tier` (score, x, y, near_tier, …). */
  readonly outputs: readonly string[];
  /** Optional fields the data lacks, so rules using them do not apply (shown to the user). */
  readonly warnings: readonly string[];
  /** Data fields the scheme read. */
  readonly fields: readonly string[];
}

const U = str(UNRATED.id);
const periodSql = (ctx: CompileContext) => (ctx.columns.has('period') ? 'period' : 'NULL::VARCHAR AS period');

/**
 * Compiles a scheme to SQL over `ctx.table`. Pure: the same text runs on DuckDB-WASM and native
 * DuckDB. Throws MissingFieldError when a field the main rule needs is absent.
 */
export function compileScheme(scheme: Scheme, ctx: CompileContext): CompiledScheme {
  if (!ctx.columns.has('customer_id')) throw new MissingFieldError(scheme.id, 'customer_id');
  const r = new Resolver(scheme, ctx);
  const overrides = overrideBranches(scheme, r);
  const compiled = KIND[scheme.kind](scheme as never, ctx, r, overrides);
  const warnings = [...r.absent].map((f) => `the data has no "${f}": rules and overrides that use it do not apply`);
  return { ...compiled, warnings, fields: [...new Set(compiled.fields)].filter((f) => ctx.columns.has(f)) };
}

type Part = Omit<CompiledScheme, 'warnings'>;
type KindCompiler<S extends Scheme> = (s: S, ctx: CompileContext, r: Resolver, overrides: string[]) => Part;

const caseOf = (branches: readonly string[], otherwise: string) => `CASE ${branches.join(' ')} ELSE ${otherwise} END`;

const ladder: KindCompiler<LadderScheme> = (s, ctx, r, overrides) => {
  const v = r.name(s.metric);
  const tier = caseOf([...overrides, `WHEN ${r.invalid([s.metric])} THEN ${U}`, ...ladderBranches(v, s.bounds)], s.below !== undefined ? str(s.below) : U);
  const bands = workingNearBands(s);
  const m = ident(s.metric);
  // The band depends on the tier: overridden and unrated customers are near nothing.
  const overridden = bands.length > 0 && overrides.length > 0;
  const near = bands.length
    ? caseOf(bands.map((b) => `WHEN tier = ${str(b.below)}${overridden ? ' AND NOT __overridden' : ''} AND ${m} >= ${num(b.from)} AND ${m} ${b.strict ? '<=' : '<'} ${num(b.to)} THEN ${str(b.tier)}`), 'NULL')
    : 'NULL::VARCHAR';
  const flag = overridden ? `, ${caseOf(overrideBranches(s, r, () => 'true'), 'false')} AS __overridden` : '';
  const tiered = `SELECT customer_id, ${periodSql(ctx)}, ${tier} AS tier, ${v} AS ${m}${flag} FROM ${ident(ctx.table)}`;
  return {
    sql: `SELECT customer_id, period, tier, ${m}, ${near} AS near_tier FROM (${tiered})`,
    outputs: [s.metric, 'near_tier'],
    fields: [...r.fieldsOf(s.metric)],
  };
};

const rules: KindCompiler<RulesScheme> = (s, ctx, r, overrides) => {
  const tier = caseOf([...overrides, `WHEN ${r.invalid(s.requires)} THEN ${U}`, ...s.rules.map((x) => `WHEN (${r.expr(x.when)}) THEN ${str(x.tier)}`)], str(s.otherwise));
  return {
    sql: `SELECT customer_id, ${periodSql(ctx)}, ${tier} AS tier FROM ${ident(ctx.table)}`,
    outputs: [],
    fields: [...s.requires, ...s.rules.flatMap((x) => r.fieldsOf(x.when))],
  };
};

const scorecard: KindCompiler<ScorecardScheme> = (s, ctx, r, overrides) => {
  const parts = s.components.map((c) => `(${r.expr(c.expr)})`);
  // The same expression the TypeScript scorer evaluates, so rounding agrees to the last digit.
  const score = r.expr(scoreExpression(s));
  const tier = caseOf([...overrides, `WHEN ${r.invalid(s.requires)} OR __score IS NULL THEN ${U}`, ...ladderBranches('__score', s.bounds)], str(s.below));
  const provisional = s.provisional ? `coalesce((${r.expr(s.provisional)}), false)` : 'false';
  const components = s.components.map((c, i) => `${parts[i]} AS ${ident(`score_${c.id}`)}`);
  return {
    sql: `SELECT customer_id, period, ${tier} AS tier, __score AS score, __provisional AS provisional, ${s.components.map((c) => ident(`score_${c.id}`)).join(', ')}
      FROM (SELECT *, ${periodSql(ctx) === 'period' ? '' : 'NULL::VARCHAR AS period, '}${score} AS __score, ${provisional} AS __provisional, ${components.join(', ')} FROM ${ident(ctx.table)})`,
    outputs: ['score', 'provisional', ...s.components.map((c) => `score_${c.id}`)],
    fields: [...s.requires, ...s.components.flatMap((c) => r.fieldsOf(c.expr)), ...(s.provisional ? r.fieldsOf(s.provisional) : [])],
  };
};

const quadrant: KindCompiler<QuadrantScheme> = (s, ctx, r, overrides) => {
  const x = `(${r.expr(s.x.expr)})`;
  const y = `(${r.expr(s.y.expr)})`;
  const hi = (v: string, cut: number) => `${v} >= ${num(cut)}`;
  const tier = caseOf(
    [
      ...overrides,
      `WHEN ${x} IS NULL OR ${y} IS NULL THEN ${U}`,
      `WHEN ${hi(y, s.y.cut)} AND ${hi(x, s.x.cut)} THEN ${str(s.cells.hh)}`,
      `WHEN ${hi(y, s.y.cut)} THEN ${str(s.cells.lh)}`,
      `WHEN ${hi(x, s.x.cut)} THEN ${str(s.cells.hl)}`,
    ],
    str(s.cells.ll),
  );
  return {
    sql: `SELECT customer_id, ${periodSql(ctx)}, ${tier} AS tier, ${x} AS x, ${y} AS y FROM ${ident(ctx.table)}`,
    outputs: ['x', 'y'],
    fields: [...r.fieldsOf(s.x.expr), ...r.fieldsOf(s.y.expr)],
  };
};

const profile: KindCompiler<ProfileScheme> = (s, ctx, r, overrides) => {
  const dims = s.dimensions.map((d, i) => ({ d, v: `__d${i}` }));
  const inner = dims.map(({ d, v }) => `(${r.expr(d.expr)}) AS ${v}`).join(', ');
  const cut = (v: string, p: number, method: string) => (method === 'quantile' ? `quantile_cont(${v}, ${num(p)}) OVER (PARTITION BY period)` : num(p));
  const letters = dims.map(({ d, v }) => `CASE WHEN ${v} >= ${cut(v, d.cuts.high, d.cuts.method)} THEN 'H' WHEN ${v} >= ${cut(v, d.cuts.medium, d.cuts.method)} THEN 'M' ELSE 'L' END`);
  const anyNull = dims.map(({ v }) => `${v} IS NULL`).join(' OR ');
  const tier = caseOf([...overrides, `WHEN ${anyNull} THEN ${U}`], letters.join(' || '));
  return {
    sql: `SELECT customer_id, period, ${tier} AS tier, ${dims.map(({ d, v }) => `${v} AS ${ident(d.id)}`).join(', ')}
      FROM (SELECT *, ${periodSql(ctx) === 'period' ? '' : 'NULL::VARCHAR AS period, '}${inner} FROM ${ident(ctx.table)})`,
    outputs: s.dimensions.map((d) => d.id),
    fields: s.dimensions.flatMap((d) => r.fieldsOf(d.expr)),
  };
};

const pareto: KindCompiler<ParetoScheme> = (s, ctx, r, overrides) => {
  const v = r.name(s.metric);
  // Only positive values take part; ties are broken by customer id so the order is total.
  const window = 'PARTITION BY period ORDER BY __pv DESC NULLS LAST, customer_id ASC';
  const tier = caseOf(
    [...overrides, `WHEN __pv IS NULL THEN ${str(s.invalid)}`, ...s.classes.map((c) => `WHEN __cum_before < ${num(c.below)} THEN ${str(c.tier)}`)],
    str(s.rest),
  );
  return {
    sql: `SELECT customer_id, period, ${tier} AS tier, __v AS ${ident(s.metric)}, __cum_before AS cum_before FROM (
        SELECT *, coalesce(sum(__pv) OVER (${window} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / sum(__pv) OVER (PARTITION BY period) AS __cum_before
        FROM (SELECT customer_id, ${periodSql(ctx)}, ${v} AS __v, CASE WHEN ${v} > 0 THEN ${v} END AS __pv FROM ${ident(ctx.table)}))`,
    outputs: [s.metric, 'cum_before'],
    fields: r.fieldsOf(s.metric),
  };
};

const rfm: KindCompiler<RfmScheme> = (s, ctx, r, overrides) => {
  const transactional = ctx.columns.has('txn_date') && ctx.columns.has('amount');
  const period = periodSql(ctx);
  let measures: string;
  if (transactional) {
    // The as-of date: given, else the period's date, else the latest transaction in the data.
    const asOf = ctx.asOf !== undefined || ctx.columns.has('period') ? asOfSql(ctx) : `(SELECT max(txn_date) FROM ${ident(ctx.table)})`;
    measures = `SELECT customer_id, period, date_diff('day', max(txn_date), max(__as_of))::DOUBLE AS recency_days, count(txn_date)::DOUBLE AS frequency, sum(amount)::DOUBLE AS monetary
      FROM (SELECT customer_id, ${period}, txn_date, amount, ${asOf} AS __as_of FROM ${ident(ctx.table)}) GROUP BY customer_id, period`;
  } else {
    for (const f of ['recency_days', 'frequency', 'monetary']) r.name(f);
    measures = `SELECT customer_id, ${period}, recency_days::DOUBLE AS recency_days, frequency::DOUBLE AS frequency, monetary::DOUBLE AS monetary FROM ${ident(ctx.table)}`;
  }
  // Cut points: R type-7 quantiles (DuckDB's quantile_cont) of the per-customer values, plus 1.
  const cuts = (m: string) => s.quantiles.map((p) => `quantile_cont(${m}, ${num(p)}) OVER (PARTITION BY period) + 1`);
  const bins = (m: string, reversed: boolean) => {
    const n = s.quantiles.length + 1;
    const score = (k: number) => (reversed ? n - k : k + 1);
    return caseOf([`WHEN ${m} IS NULL THEN NULL`, ...cuts(m).map((c, k) => `WHEN ${m} < ${c} THEN ${score(k)}`)], String(score(n - 1)));
  };
  const within = (v: string, [lo, hi]: readonly [number, number]) => `${v} BETWEEN ${lo} AND ${hi}`;
  const tier = caseOf(
    [
      ...overrides,
      `WHEN recency_days IS NULL OR frequency IS NULL OR monetary IS NULL THEN ${U}`,
      ...s.segments.map((g) => `WHEN ${within('r_score', g.r)} AND ${within('f_score', g.f)} AND ${within('m_score', g.m)} THEN ${str(g.tier)}`),
    ],
    str(s.otherwise),
  );
  return {
    sql: `SELECT customer_id, period, ${tier} AS tier, r_score, f_score, m_score, recency_days, frequency, monetary FROM (
        SELECT *, ${bins('recency_days', true)} AS r_score, ${bins('frequency', false)} AS f_score, ${bins('monetary', false)} AS m_score FROM (${measures}))`,
    outputs: ['r_score', 'f_score', 'm_score', 'recency_days', 'frequency', 'monetary'],
    fields: transactional ? ['txn_date', 'amount'] : ['recency_days', 'frequency', 'monetary'],
  };
};

const KIND: { [K in Scheme['kind']]: KindCompiler<Extract<Scheme, { kind: K }>> } = { ladder, rules, scorecard, quadrant, profile, pareto, rfm };
