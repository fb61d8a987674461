import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Workspace } from '../../src/app/workspace';
import { FILTERED_VIEW, filterWhere, tierFilterField, type Filter } from '../../src/analysis/filters';
import { amountColumnOf, orderTierCounts, tierCountsQuery } from '../../src/analysis/tier-distribution';
import { transitionQuery } from '../../src/analysis/transitions-sql';
import { toRows } from '../../src/engine/rows';
import type { Engine } from '../../src/engine/types';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { compileScheme } from '../../src/schemes/compile';
import { presetById } from '../../src/schemes/presets';
import { tiersOf, type LadderScheme, type Scheme } from '../../src/schemes/types';
import { mulberry32 } from '../unit/fast-prng';

/**
 * Filters on the real sample through the workspace (the page's path: a view over the dataset,
 * the tuning structures built from it) against plain SQL with the filter inline as bound
 * parameters: the same tier counts, amounts and transitions for random filters and thresholds.
 */
describe('the dashboard under filters', () => {
  let engine: Engine;
  let ws: Workspace;
  const random = mulberry32(20261207);
  const retail = presetById('retail-aum') as LadderScheme;
  let branches: string[];
  let types: string[];
  beforeAll(async () => {
    engine = await openWasmNodeEngine();
    ws = new Workspace(Promise.resolve(engine));
    await ws.addFiles([{ name: 'retail_panel_24m.parquet', bytes: new Uint8Array(readFileSync('data-samples/retail_panel_24m.parquet')) }]);
    branches = (await ws.filterChoices('branch')).map((c) => c.value!).filter(Boolean);
    types = (await ws.filterChoices('deposit_term_months')).map((c) => c.value!).filter(Boolean);
  }, 120_000);
  afterAll(() => engine.close());

  const pick = <T,>(xs: readonly T[], n: number) => [...xs].sort(() => random() - 0.5).slice(0, n);
  /** One to three filters: a few branches, deposit terms (a number column compared as text), an AUM range, a credit-score floor. */
  function randomFilters(): Filter[] {
    const all: Filter[] = [
      { field: 'branch', kind: 'in', values: pick(branches, 1 + Math.floor(random() * 3)) },
      { field: 'deposit_term_months', kind: 'in', values: pick(types, 1 + Math.floor(random() * 2)) },
      { field: 'aum', kind: 'range', min: Math.round(random() * 2e5), max: 2e5 + Math.round(random() * 5e6) },
      { field: 'credit_score', kind: 'range', min: Math.round(random() * 60) },
    ];
    return pick(all, 1 + Math.floor(random() * 3));
  }
  function randomLadder(): LadderScheme {
    const mins = retail.bounds.map(() => Math.round(random() * 3e6)).sort((a, b) => b - a);
    return { ...retail, bounds: retail.bounds.map((b, i) => ({ ...b, min: mins[i]! + (retail.bounds.length - i) })) };
  }

  /** The reference: the whole dataset filtered inline (bound parameters), then plain SQL. */
  async function reference(filters: Filter[]) {
    // The plain SQL reads every column: the workspace reads a Parquet file's columns as its views ask.
    await ws.preview(1);
    const whole = ws.getState().dataset!;
    const where = filterWhere(filters, whole.columns);
    await engine.query(`CREATE OR REPLACE TEMP TABLE ref_source AS SELECT * FROM dataset WHERE ${where.sql}`, where.params);
    const ctx = { table: 'ref_source', columns: new Set(whole.columns.map((c) => c.name)) };
    return {
      async tiers(scheme: LadderScheme, period: string) {
        await engine.query(`CREATE OR REPLACE TEMP TABLE ref_result AS ${compileScheme(scheme, ctx).sql}`);
        const q = tierCountsQuery('ref_result', amountColumnOf(scheme));
        return orderTierCounts(scheme, toRows(await engine.query(q.sql, q.params)), period);
      },
      /** Customers per value of `field` and tier in a period, as `value|tier:n` (plain SQL on the scheme's result). */
      async groups(scheme: Scheme, period: string, field: string) {
        await engine.query(`CREATE OR REPLACE TEMP TABLE ref_result AS ${compileScheme(scheme, ctx).sql}`);
        const rows = toRows(
          await engine.query(
            `SELECT CAST(d."${field}" AS VARCHAR) AS g, r.tier, count(*)::INTEGER AS n FROM ref_result r JOIN ref_source d ON d.customer_id = r.customer_id AND d.period = r.period WHERE CAST(r.period AS VARCHAR) = ? GROUP BY ALL`,
            [period],
          ),
        );
        return rows.map((r) => `${r.g}|${r.tier}:${r.n}`).sort();
      },
      async transitions(scheme: LadderScheme, from: string, to: string) {
        await engine.query(`CREATE OR REPLACE TEMP TABLE ref_result AS ${compileScheme(scheme, ctx).sql}`);
        const q = transitionQuery('ref_result', from, to, tiersOf(scheme).map((t) => t.id));
        return toRows(await engine.query(q.sql, q.params))
          .map((c) => `${c.from_tier}>${c.to_tier}:${c.customers}`)
          .sort();
      },
    };
  }

  test('filtering by one branch: the view, its row count and the tier counts', async () => {
    const filters: Filter[] = [{ field: 'branch', kind: 'in', values: [branches[0]!] }];
    await ws.setFilters(filters);
    const state = ws.getState();
    expect(state.dataset?.table).toBe(FILTERED_VIEW);
    expect(state.filters).toEqual(filters);
    const counted = toRows(await engine.query('SELECT count(*)::INTEGER AS n FROM dataset WHERE branch = ?', [branches[0]!]))[0]!.n;
    expect(state.dataset?.rows).toBe(counted);
    expect(state.wholeRows).toBeGreaterThan(Number(counted));
    const period = state.dataset!.periods.at(-1)!;
    const ref = await reference(filters);
    expect((await ws.analyst.tiers(retail, period)).counts).toEqual(await ref.tiers(retail, period));
    // No filters: the whole dataset again.
    await ws.setFilters([]);
    expect(ws.getState().dataset?.table).toBe('dataset');
    expect(ws.getState().dataset?.rows).toBe(ws.getState().wholeRows);
  });

  test('fast path = SQL under random filters and thresholds (12 filters × 4 ladders, tiers and transitions)', async () => {
    const periods = ws.getState().dataset!.periods;
    let kept = 0;
    for (let f = 0; f < 12; f++) {
      const filters = randomFilters();
      await ws.setFilters(filters);
      if (ws.getState().dataset!.rows > 1000) kept++;
      const ref = await reference(filters);
      const period = periods[Math.floor(random() * periods.length)]!;
      const from = periods.at(-2)!;
      const to = periods.at(-1)!;
      for (let l = 0; l < 4; l++) {
        const scheme = randomLadder();
        const fast = await ws.analyst.tiers(scheme, period);
        expect(fast.fast, JSON.stringify(filters)).toBe(true);
        expect(fast.counts, `${JSON.stringify(filters)} ${JSON.stringify(scheme.bounds.map((b) => b.min))}`).toEqual(await ref.tiers(scheme, period));
        const cells = (await ws.analyst.migration(scheme, from, to, { fast: true })).map((c) => `${c.from}>${c.to}:${c.customers}`).sort();
        expect(cells).toEqual(await ref.transitions(scheme, from, to));
      }
    }
    // The draws are not vacuous: most keep a sizeable part of the data.
    expect(kept).toBeGreaterThanOrEqual(6);
    await ws.setFilters([]);
  }, 240_000);

  test('hostile values filter nothing in and break nothing', async () => {
    for (const value of ["O'Brien", "'; DROP TABLE dataset; --", '100%', '%', '_', '杭州%支行']) {
      await ws.setFilters([{ field: 'branch', kind: 'in', values: [value] }]);
      expect(ws.getState().dataset?.rows, value).toBe(0);
    }
    await ws.setFilters([]);
    expect(ws.getState().dataset?.rows).toBe(ws.getState().wholeRows);
  });

  test('a filter on a column the data lacks is refused, naming it; the filters in force stay', async () => {
    const kept: Filter[] = [{ field: 'branch', kind: 'in', values: [branches[1]!] }];
    await ws.setFilters(kept);
    await expect(ws.setFilters([{ field: 'region', kind: 'in', values: ['x'] }])).rejects.toThrow(/region/);
    expect(ws.getState().filters).toEqual(kept);
    expect(ws.getState().dataset?.table).toBe(FILTERED_VIEW);
    await ws.setFilters([]);
  });

  test('drill: a tier lists as many customers as it counts, a move as many as the transition, with and without filters', async () => {
    const periods = ws.getState().dataset!.periods;
    const [from, to] = [periods.at(-2)!, periods.at(-1)!];
    for (const filters of [[], [{ field: 'branch', kind: 'in', values: [branches[2]!] }]] as Filter[][]) {
      await ws.setFilters(filters);
      const counts = (await ws.analyst.tiers(retail, to)).counts;
      for (const c of counts) {
        const list = await ws.analyst.drill(retail, { kind: 'tier', period: to, tier: c.tier });
        expect(list.rows.length, `${c.tier} ${JSON.stringify(filters)}`).toBe(c.customers);
        expect(list.rows.every((r) => r.tier === c.tier)).toBe(true);
        const amounts = list.rows.map((r) => Number(r.amount));
        expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
        if (filters.length) expect(new Set(list.rows.map((r) => r.branch))).toEqual(new Set(list.rows.length ? [branches[2]] : []));
      }
      for (const cell of await ws.analyst.migration(retail, from, to, { fast: true })) {
        const list = await ws.analyst.drill(retail, { kind: 'move', from, to, fromTier: cell.from, toTier: cell.to });
        expect(list.rows.length, `${cell.from}>${cell.to}`).toBe(cell.customers);
      }
      // A tier in one branch: what the by-branch bar counts.
      const byBranch = await ws.analyst.tierByBranch(retail, to);
      const one = byBranch.find((r) => Number(r.customers) > 0)!;
      expect((await ws.analyst.drill(retail, { kind: 'tier', period: to, tier: String(one.tier), group: { field: 'branch', value: String(one.branch) } })).rows.length).toBe(Number(one.customers));
    }
    await ws.setFilters([]);
  });

  test('segments side by side: per-group tier counts (fast for a ladder, SQL for rules) equal plain SQL under random filters', async () => {
    const periods = ws.getState().dataset!.periods;
    const rules = presetById('savings-grade');
    for (let round = 0; round < 6; round++) {
      const filters = round === 0 ? [] : randomFilters();
      await ws.setFilters(filters);
      const ref = await reference(filters);
      const period = periods[periods.length - 1 - (round % 3)]!;
      const field = round % 2 === 0 ? 'branch' : 'deposit_term_months';
      for (const scheme of [randomLadder(), rules]) {
        const got = (await ws.analyst.tierByGroup(scheme, period, field)).map((r) => `${r.group}|${r.tier}:${r.customers}`).sort();
        expect(got, `${scheme.id} by ${field} ${JSON.stringify(filters)}`).toEqual(await ref.groups(scheme, period, field));
      }
    }
    await ws.setFilters([]);
  });

  test('a tier of another scheme: the views read the customers that scheme puts in those tiers (period by period)', async () => {
    const periods = ws.getState().dataset!.periods;
    const savings = presetById('savings-grade');
    const whole = ws.getState().dataset!;
    const columns = new Set(whole.columns.map((c) => c.name));
    // The reference: retail-aum over the whole data, its VIP and private customers per period, then savings-grade on their rows.
    await ws.preview(1);
    await engine.query(`CREATE OR REPLACE TEMP TABLE ref_keys AS SELECT customer_id, period FROM (${compileScheme(retail, { table: 'dataset', columns }).sql}) WHERE tier IN ('vip', 'private')`);
    await engine.query('CREATE OR REPLACE TEMP TABLE ref_source AS SELECT d.* FROM dataset d SEMI JOIN ref_keys k ON k.customer_id = d.customer_id AND k.period = d.period');
    await engine.query(`CREATE OR REPLACE TEMP TABLE ref_result AS ${compileScheme(savings, { table: 'ref_source', columns }).sql}`);
    const q = tierCountsQuery('ref_result', amountColumnOf(savings));
    const rows = toRows(await engine.query(q.sql, q.params));

    await ws.setFilters([{ field: tierFilterField('retail-aum'), kind: 'tier', values: ['vip', 'private'] }]);
    const kept = Number(toRows(await engine.query('SELECT count(*)::INTEGER AS n FROM ref_source'))[0]!.n);
    expect(ws.getState().dataset!.rows).toBe(kept);
    expect(kept).toBeGreaterThan(0);
    for (const period of periods.slice(-3)) {
      expect((await ws.analyst.tiers(savings, period)).counts, period).toEqual(orderTierCounts(savings, rows, period));
      // …and under retail-aum itself only its VIP and private tiers have customers.
      const own = (await ws.analyst.tiers(retail, period)).counts.filter((c) => c.customers > 0).map((c) => c.tier);
      expect(own.sort()).toEqual(['private', 'vip']);
    }
    // A scheme the data cannot run is refused with the filters left as they were.
    await expect(ws.setFilters([{ field: tierFilterField('dealer-scorecard'), kind: 'tier', values: ['A'] }])).rejects.toMatchObject({ reason: 'no-scheme' });
    expect(ws.getState().filters).toEqual([{ field: tierFilterField('retail-aum'), kind: 'tier', values: ['vip', 'private'] }]);
    await ws.setFilters([]);
  });

  test('filters follow new data: kept when the column is still there', async () => {
    const kept: Filter[] = [{ field: 'branch', kind: 'in', values: [branches[0]!] }];
    await ws.setFilters(kept);
    const before = ws.getState().dataset!.rows;
    const file = ws.getState().files[0]!;
    // Re-typing a column (here: unmapping one the filters do not use) rebuilds the dataset.
    await ws.remap(file.id, 'deposit_balance', null);
    expect(ws.getState().filters).toEqual(kept);
    expect(ws.getState().dataset?.table).toBe(FILTERED_VIEW);
    expect(ws.getState().dataset?.rows).toBe(before);
    await ws.setFilters([]);
  });
});
