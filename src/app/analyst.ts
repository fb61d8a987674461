import type { Table } from 'apache-arrow';
import type { Engine } from '../engine/types';
import { toRows, type Row } from '../engine/rows';
import { drillColumnsOf, drillQuery, type DrillSource, type Segment } from '../analysis/drill-sql';
import { ident } from '../sql/quote';
import type { DatasetInfo } from '../ingest/dataset';
import { compileScheme, type CompiledScheme } from '../schemes/compile';
import { tiersOf, type LadderScheme, type QuadrantScheme, type Scheme } from '../schemes/types';
import { amountColumnOf, orderTierCounts, tierCountsQuery, type TierCount } from '../analysis/tier-distribution';
import { transitionQuery } from '../analysis/transitions-sql';
import { nearThresholdQuery } from '../analysis/near-threshold-sql';
import { ladderInputsQuery, quadrantInputsQuery, transitionInputsQuery } from '../analysis/tuning-sql';
import { LadderTuner, QuadrantTuner, TransitionTuner } from '../analysis/tuning';
import { ladderMovers, type MoverTotals } from '../analysis/movers';
import { moverAmountOf, moverCellsQuery, moverListQuery, type MoverList, type MoverSource } from '../analysis/movers-sql';
import type { TransitionCell } from '../analysis/migration';
import type { GroupTierCount } from '../analysis/segments';

/** Runs work on the engine one operation at a time; skipped if `signal` was aborted meanwhile. */
export type Exec = <T>(work: (engine: Engine) => Promise<T>, signal?: AbortSignal) => Promise<T>;

/** The shape of a scheme that a tuner's extraction depends on (everything but its thresholds). */
function structureKey(scheme: Scheme): string {
  const { bounds: _b, near: _n, x, y, ...rest } = scheme as Scheme & { bounds?: unknown; near?: unknown; x?: { expr: string }; y?: { expr: string } };
  return JSON.stringify({ ...rest, x: x?.expr, y: y?.expr });
}

/** The customers of a segment, and which of name, branch and amount the rows carry. */
export interface DrillList {
  readonly segment: Segment;
  readonly rows: readonly Row[];
  readonly name: boolean;
  readonly branch: boolean;
  readonly amount: boolean;
  /** Result columns shown besides the amount (a score, a quadrant's two axes), in order. */
  readonly extras?: readonly string[];
}

export interface TierView {
  readonly counts: readonly TierCount[];
  readonly warnings: readonly string[];
  /** True when answered by the fast path (no query), e.g. while a slider moves. */
  readonly fast: boolean;
}

/**
 * Answers the analysis views' questions for the current dataset. Threshold-only changes of
 * ladder and quadrant schemes are answered by tuners (built once per scheme shape and period,
 * exact, microseconds); everything else by SQL over the applied scheme. Holds no UI state.
 */
export class Analyst {
  private readonly tuners = new Map<string, Promise<unknown>>();
  private applied: { key: string; compiled: CompiledScheme; table: string } | undefined;
  private appliedCount = 0;
  private readonly warningCache = new Map<string, readonly string[]>();

  constructor(
    private readonly exec: Exec,
    private readonly dataset: () => DatasetInfo | undefined,
    private readonly version: () => number,
    /** Reads every column of the data not read yet: a user's SQL may select them all (`SELECT *`). */
    private readonly readAll: (engine: Engine) => Promise<void> = async () => undefined,
  ) {}

  private ctx() {
    const d = this.dataset();
    if (!d) throw new Error('no data loaded');
    return { table: d.table, columns: new Set(d.columns.map((c) => c.name)) };
  }

  /**
   * One build per key and data version, shared by every caller that asks while it runs. A build
   * runs under the first caller's signal: when that run is superseded the build fails with an
   * AbortError, and a caller whose own run is still wanted builds again instead of failing.
   */
  private async cached<T>(key: string, build: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (;;) {
      const full = `${this.version()}|${key}`;
      let p = this.tuners.get(full) as Promise<T> | undefined;
      if (!p) {
        const built = build();
        // A failed build is not cached: the next ask tries again.
        built.catch(() => {
          if (this.tuners.get(full) === built) this.tuners.delete(full);
        });
        this.tuners.set(full, built);
        p = built;
      }
      try {
        return await p;
      } catch (e) {
        if (!isAbort(e) || signal?.aborted) throw e;
      }
    }
  }

  /** Drops every cached tuner (the data changed). */
  reset(): void {
    this.tuners.clear();
    this.warningCache.clear();
    this.applied = undefined;
  }

  private query(sql: string, params: readonly (string | number)[] = [], signal?: AbortSignal): Promise<Table> {
    return this.exec((engine) => engine.query(sql, params), signal);
  }

  /** Applies a scheme into a result table (cached for the last scheme and data version). */
  async apply(scheme: Scheme, signal?: AbortSignal): Promise<{ compiled: CompiledScheme; table: string }> {
    const key = `${this.version()}|${JSON.stringify(scheme)}`;
    if (this.applied?.key === key) return this.applied;
    const compiled = compileScheme(scheme, this.ctx());
    // Alternate two tables so a view still reading the previous result is not pulled from under it.
    const table = `tiered_${(this.appliedCount++ % 2) + 1}`;
    await this.exec((engine) => engine.query(`CREATE OR REPLACE TABLE ${ident(table)} AS ${compiled.sql}`), signal);
    this.applied = { key, compiled, table };
    return this.applied;
  }

  /** One extraction per scheme shape and period, shared by the whole-period and per-branch tuners. */
  /** A ladder's inputs of one period, with the branch (or `group`'s column) beside each value. */
  private ladderInputs(scheme: LadderScheme, period: string | null, signal?: AbortSignal, group?: string): Promise<Table> {
    const ctx = this.ctx();
    const by = group ?? (ctx.columns.has('branch') ? 'branch' : undefined);
    return this.cached(`ladder-inputs|${by ?? ''}|${structureKey(scheme)}|${period}`, async () => {
      const q = ladderInputsQuery(scheme, ctx, period, by);
      return this.query(q.sql, q.params, signal);
    }, signal);
  }

  ladderTuner(scheme: LadderScheme, period: string | null, signal?: AbortSignal): Promise<LadderTuner> {
    return this.cached(`ladder|${structureKey(scheme)}|${period}`, async () => LadderTuner.fromTable(scheme, await this.ladderInputs(scheme, period, signal)), signal);
  }

  /**
   * Ladder tuners of every period from one scan (the tier mix over time): a 12-month panel is
   * read once, not once per month. Only the tuners are kept, not the extraction.
   */
  private periodTuners(scheme: LadderScheme, signal?: AbortSignal): Promise<Map<string, LadderTuner>> {
    return this.cached(`ladder-periods|${structureKey(scheme)}`, async () => {
      const periods = this.dataset()?.periods ?? [];
      const q = ladderInputsQuery(scheme, this.ctx(), { allPeriods: periods });
      return LadderTuner.byNumberedGroup(scheme, await this.query(q.sql, q.params, signal), 'period_no', periods);
    }, signal);
  }

  /** What the compiler reports about a scheme shape on this data (cached: asked on every drag). */
  private warnings(scheme: Scheme): readonly string[] {
    const key = `${this.version()}|${structureKey(scheme)}`;
    let w = this.warningCache.get(key);
    if (!w) this.warningCache.set(key, (w = compileScheme(scheme, this.ctx()).warnings));
    return w;
  }

  transitionTuner(scheme: LadderScheme, from: string, to: string, signal?: AbortSignal): Promise<TransitionTuner> {
    return this.cached(`transition|${structureKey(scheme)}|${from}|${to}`, async () => {
      const q = transitionInputsQuery(scheme, this.ctx(), from, to);
      return TransitionTuner.fromTable(scheme, await this.query(q.sql, q.params, signal));
    }, signal);
  }

  quadrantTuner(scheme: QuadrantScheme, period: string | null, signal?: AbortSignal): Promise<QuadrantTuner> {
    return this.cached(`quadrant|${structureKey(scheme)}|${period}`, async () => {
      const q = quadrantInputsQuery(scheme, this.ctx(), period);
      return QuadrantTuner.fromTable(scheme, await this.query(q.sql, q.params, signal));
    }, signal);
  }

  /** Tier counts of one period: fast for ladders and quadrants, SQL for the other kinds. */
  async tiers(scheme: Scheme, period: string | null, signal?: AbortSignal): Promise<TierView> {
    if (scheme.kind === 'ladder') {
      const tuner = await this.ladderTuner(scheme, period, signal);
      return { counts: tuner.counts(scheme.bounds), warnings: this.warnings(scheme), fast: true };
    }
    if (scheme.kind === 'quadrant') {
      const tuner = await this.quadrantTuner(scheme, period, signal);
      return { counts: tuner.counts(scheme.x.cut, scheme.y.cut), warnings: this.warnings(scheme), fast: true };
    }
    const { compiled, table } = await this.apply(scheme, signal);
    const q = tierCountsQuery(table, amountColumnOf(scheme));
    return { counts: orderTierCounts(scheme, toRows(await this.query(q.sql, q.params, signal)), period), warnings: compiled.warnings, fast: false };
  }

  /** Tier counts of every period (the tier mix over time). */
  async tierMix(scheme: Scheme, periods: readonly string[], signal?: AbortSignal): Promise<Record<string, readonly TierCount[]>> {
    const out: Record<string, readonly TierCount[]> = {};
    if (scheme.kind === 'ladder') {
      const tuners = await this.periodTuners(scheme, signal);
      const none = tiersOf(scheme).map((t) => ({ tier: t.id, customers: 0, amount: 0 }));
      for (const p of periods) out[p] = tuners.get(p)?.counts(scheme.bounds) ?? none;
      return out;
    }
    if (scheme.kind === 'quadrant') {
      for (const p of periods) out[p] = (await this.tiers(scheme, p, signal)).counts;
      return out;
    }
    const { table } = await this.apply(scheme, signal);
    const q = tierCountsQuery(table, amountColumnOf(scheme));
    const rows = toRows(await this.query(q.sql, q.params, signal));
    for (const p of periods) out[p] = orderTierCounts(scheme, rows, p);
    return out;
  }

  /** Transition cells between two periods; with amounts (SQL) unless `fastOnly`. */
  async migration(scheme: Scheme, from: string, to: string, options: { fast?: boolean; signal?: AbortSignal } = {}): Promise<TransitionCell[]> {
    if (options.fast && scheme.kind === 'ladder' && !scheme.overrides?.length) {
      return (await this.transitionTuner(scheme, from, to, options.signal)).cells(scheme.bounds);
    }
    const { table } = await this.apply(scheme, options.signal);
    const q = transitionQuery(table, from, to, tiersOf(scheme).map((t) => t.id), amountColumnOf(scheme));
    return toRows(await this.query(q.sql, q.params, options.signal)).map((c) => ({
      from: String(c.from_tier),
      to: String(c.to_tier),
      customers: Number(c.customers),
      // Weighted by the amount at the start, or at the end for customers new in the second period.
      amount: c.amount_from === undefined ? undefined : Number(c.from_tier === '(new)' ? c.amount_to : c.amount_from),
    }));
  }

  /**
   * Customers (and amounts) per value of a column and tier in one period (fast for ladders, SQL
   * otherwise); a group of null holds the customers whose column is empty.
   */
  async tierByGroup(scheme: Scheme, period: string | null, field: string, signal?: AbortSignal): Promise<GroupTierCount[]> {
    const d = this.dataset();
    if (!d?.columns.some((c) => c.name === field)) throw new Error(`the data has no column "${field}"`);
    if (scheme.kind === 'ladder') {
      const tuners = await this.cached(`groups|${field}|${structureKey(scheme)}|${period}`, async () => LadderTuner.byGroup(scheme, await this.ladderInputs(scheme, period, signal, field), field, EMPTY_GROUP), signal);
      return [...tuners].flatMap(([group, t]) =>
        t.counts(scheme.bounds).filter((c) => c.customers > 0).map((c) => ({ group: group === EMPTY_GROUP ? null : group, tier: c.tier, customers: c.customers, amount: c.amount })),
      );
    }
    const { table } = await this.apply(scheme, signal);
    const amount = amountColumnOf(scheme);
    const rows = toRows(
      await this.query(
        `SELECT CAST(d.${ident(field)} AS VARCHAR) AS grp, r.tier, count(*)::INTEGER AS customers, ${amount ? `coalesce(sum(r.${ident(amount)}), 0)` : 'NULL'}::DOUBLE AS amount
         FROM ${ident(table)} r JOIN ${ident(d.table)} d ON d.customer_id = r.customer_id AND d.period IS NOT DISTINCT FROM r.period
         WHERE ${period === null ? 'r.period IS NULL' : 'CAST(r.period AS VARCHAR) = ?'} GROUP BY ALL`,
        period === null ? [] : [period],
        signal,
      ),
    );
    return rows.map((r) => ({ group: r.grp === null || r.grp === undefined ? null : String(r.grp), tier: String(r.tier), customers: Number(r.customers), amount: r.amount === null || r.amount === undefined ? null : Number(r.amount) }));
  }

  /** Customers per branch and tier in one period: the by-branch view's rows. */
  async tierByBranch(scheme: Scheme, period: string | null, signal?: AbortSignal): Promise<Row[]> {
    if (!this.dataset()?.fields.includes('branch')) return [];
    return (await this.tierByGroup(scheme, period, 'branch', signal)).map((r) => ({ branch: r.group, tier: r.tier, customers: r.customers, amount: r.amount ?? null }));
  }

  /** The near-threshold (临界) list of a ladder scheme (SQL). */
  async near(scheme: LadderScheme, period: string | null, limit = 1000, signal?: AbortSignal): Promise<Row[]> {
    // Only the rows of the period (compiled inline, not the whole data applied): cheap enough
    // to follow a threshold.
    const compiled = compileScheme(scheme, this.ctx());
    const q = nearThresholdQuery({ compiledSql: compiled.sql }, scheme, period, limit);
    return toRows(await this.query(q.sql, q.params, signal));
  }

  /** How many customers (and how much amount) move between the saved and the working ladder. */
  async beforeAfter(saved: LadderScheme, working: LadderScheme, period: string | null, signal?: AbortSignal): Promise<MoverTotals> {
    const tuner = await this.ladderTuner(working, period, signal);
    const toBounds = (s: LadderScheme) => s.bounds.map((b) => ({ value: b.min, strict: b.inclusive === false }));
    return ladderMovers(tuner.column, toBounds(saved), toBounds(working));
  }

  private moverSource(saved: Scheme, working: Scheme, period: string | null): MoverSource {
    const ctx = this.ctx();
    return {
      savedSql: compileScheme(saved, ctx).sql,
      workingSql: compileScheme(working, ctx).sql,
      dataset: ctx.table,
      period,
      amount: moverAmountOf(working),
      hasPeriod: ctx.columns.has('period'),
      hasName: ctx.columns.has('customer_name'),
      hasBranch: ctx.columns.has('branch'),
    };
  }

  /**
   * The customers whose tier differs between two schemes (SQL), largest amount first, with name
   * and branch where the data has them: the first `limit` for the view, all for export.
   */
  async moverList(saved: Scheme, working: Scheme, period: string | null, options: { limit?: number; signal?: AbortSignal } = {}): Promise<MoverList> {
    const source = this.moverSource(saved, working, period);
    const q = moverListQuery(source, options.limit);
    const rows = toRows(await this.query(q.sql, q.params, options.signal));
    return { rows, name: source.hasName, branch: source.hasBranch, amount: source.amount !== undefined };
  }

  /** Movers up and down between any two schemes (SQL; ladders have the fast {@link beforeAfter}). */
  async moverTotals(saved: Scheme, working: Scheme, period: string | null, signal?: AbortSignal): Promise<MoverTotals> {
    const q = moverCellsQuery(this.moverSource(saved, working, period));
    const order = tiersOf(working).map((t) => t.id);
    const index = (id: unknown) => {
      const i = order.indexOf(String(id));
      return i < 0 ? order.length - 1 : i;
    };
    const cells = toRows(await this.query(q.sql, q.params, signal)).map((r) => ({ from: index(r.saved_tier), to: index(r.new_tier), count: Number(r.customers), cents: Number(r.cents) }));
    const sum = (up: boolean, f: (c: (typeof cells)[number]) => number) => cells.filter((c) => (c.to < c.from) === up).reduce((s, c) => s + f(c), 0);
    return { up: sum(true, (c) => c.count), down: sum(false, (c) => c.count), upCents: sum(true, (c) => c.cents), downCents: sum(false, (c) => c.cents), cells };
  }

  /**
   * The customers behind a segment a chart shows (SQL over the data the views read, filters
   * included), largest amount first, with name and branch where the data has them.
   */
  async drill(scheme: Scheme, segment: Segment, options: { limit?: number; signal?: AbortSignal } = {}): Promise<DrillList> {
    const ctx = this.ctx();
    const source: DrillSource = {
      compiledSql: compileScheme(scheme, ctx).sql,
      dataset: ctx.table,
      amount: moverAmountOf(scheme),
      hasPeriod: ctx.columns.has('period'),
      hasName: ctx.columns.has('customer_name'),
      hasBranch: ctx.columns.has('branch'),
      hasColumn: (name) => ctx.columns.has(name),
      extras: drillColumnsOf(scheme),
    };
    const q = drillQuery(source, segment, options.limit);
    const rows = toRows(await this.query(q.sql, q.params, options.signal));
    return { segment, rows, name: source.hasName, branch: source.hasBranch, amount: source.amount !== undefined, extras: segment.kind === 'tier' ? source.extras ?? [] : [] };
  }

  /** A user's SQL cell: parameters bound, result capped so the page stays responsive. */
  async sql(sql: string, params: readonly (string | number)[], signal?: AbortSignal): Promise<Table> {
    return this.exec(async (engine) => {
      await this.readAll(engine);
      return engine.query(sql, params);
    }, signal);
  }
}

/** The group of rows whose column is empty, among a ladder's per-group tuners (no value collides with it). */
const EMPTY_GROUP = '\u0000empty';

/** A run that was superseded (the workspace skips work whose signal was aborted). */
function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}
