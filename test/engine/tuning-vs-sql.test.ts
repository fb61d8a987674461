import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { toRows } from '../../src/engine/rows';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { buildDataset, type DatasetInfo } from '../../src/ingest/dataset';
import { loadFile } from '../../src/ingest/load';
import { amountColumnOf, orderTierCounts, tierCountsQuery } from '../../src/analysis/tier-distribution';
import { transitionQuery } from '../../src/analysis/transitions-sql';
import { ladderInputsQuery, quadrantInputsQuery, transitionInputsQuery } from '../../src/analysis/tuning-sql';
import { LadderTuner, QuadrantTuner, TransitionTuner } from '../../src/analysis/tuning';
import { compileScheme } from '../../src/schemes/compile';
import { presetById } from '../../src/schemes/presets';
import { tiersOf, type LadderScheme, type QuadrantScheme } from '../../src/schemes/types';
import { mulberry32 } from '../unit/fast-prng';


/**
 * The fast tuning path against the plain SQL path (the reference) on the real samples and random
 * thresholds: tier counts and amounts to the cent, transition counts and quadrant counts must be
 * identical. Thresholds are often drawn from the data itself, so ties sit exactly on a bound.
 */
describe('fast tuning path = SQL re-query', () => {
  let engine: Engine;
  let retail: DatasetInfo;
  const random = mulberry32(20251231);
  beforeAll(async () => {
    engine = await openWasmNodeEngine();
    const f = await loadFile(engine, 'panel', { name: 'retail_panel_24m.parquet', bytes: new Uint8Array(readFileSync('data-samples/retail_panel_24m.parquet')) });
    retail = await buildDataset(engine, [f]);
  }, 60_000);
  afterAll(() => engine.close());

  const ctx = () => ({ table: retail.table, columns: new Set(retail.columns.map((c) => c.name)) });
  async function sqlCounts(scheme: LadderScheme | QuadrantScheme, period: string) {
    const compiled = compileScheme(scheme, ctx());
    await engine.query(`CREATE OR REPLACE TABLE ref_result AS ${compiled.sql}`);
    const q = tierCountsQuery('ref_result', amountColumnOf(scheme));
    return orderTierCounts(scheme, toRows(await engine.query(q.sql, q.params)), period);
  }
  /** Random decreasing bounds: half picked from actual values (ties on the bound), half anywhere. */
  async function randomBounds(scheme: LadderScheme, values: Float64Array): Promise<LadderScheme['bounds']> {
    const picks = scheme.bounds.map(() => (random() < 0.5 ? values[Math.floor(random() * values.length)]! : Math.round(random() * 2e6 * 100) / 100));
    const sorted = [...new Set(picks)].sort((a, b) => b - a);
    while (sorted.length < scheme.bounds.length) sorted.push(sorted.at(-1)! - 1 - random() * 1000);
    return scheme.bounds.map((b, i) => ({ ...b, min: sorted[i]! }));
  }

  // A user's variant: override tiers (one of them twice) are summed like the others, by AUM.
  const retailOverrides = (): LadderScheme => ({
    ...(presetById('retail-aum') as LadderScheme),
    overrides: [
      { when: 'credit_score < 20', tier: 'mass' },
      { when: 'aum > 50000 and credit_score > 80', tier: 'private' },
      { when: 'credit_score < 25', tier: 'mass' },
    ],
  });
  test.each(['retail-aum', 'star-points', 'retail-aum+overrides'])('%s: 40 random ladders in one period', async (id) => {
    const scheme = id === 'retail-aum+overrides' ? retailOverrides() : (presetById(id) as LadderScheme);
    const period = '2025-12-31';
    const q = ladderInputsQuery(scheme, ctx(), period);
    const table = await engine.query(q.sql, q.params);
    const tuner = LadderTuner.fromTable(scheme, table);
    const values = (table.getChild('v')!.toArray() as Float64Array).filter((v) => !Number.isNaN(v));
    expect(tuner.counts()).toEqual(await sqlCounts(scheme, period));
    for (let k = 0; k < 40; k++) {
      const bounds = await randomBounds(scheme, values);
      const variant = { ...scheme, bounds };
      expect({ bounds: bounds.map((b) => b.min), counts: tuner.counts(bounds) }).toEqual({ bounds: bounds.map((b) => b.min), counts: await sqlCounts(variant, period) });
    }
  }, 120_000);

  test('retail-aum over all 24 months from one scan: every month as SQL counts it', async () => {
    const scheme = presetById('retail-aum') as LadderScheme;
    const q = ladderInputsQuery(scheme, ctx(), { allPeriods: retail.periods });
    const tuners = LadderTuner.byNumberedGroup(scheme, await engine.query(q.sql, q.params), 'period_no', retail.periods);
    expect([...tuners.keys()]).toEqual([...retail.periods]);
    for (const period of ['2024-01-31', '2025-06-30', '2025-12-31']) {
      expect(tuners.get(period)!.counts(), period).toEqual(await sqlCounts(scheme, period));
      const bounds = scheme.bounds.map((b, i) => ({ ...b, min: b.min * (0.6 + 0.1 * i) }));
      expect(tuners.get(period)!.counts(bounds), period).toEqual(await sqlCounts({ ...scheme, bounds }, period));
    }
    // Periods left out of the list get no tuner, and their rows count nowhere else.
    const some = retail.periods.filter((_, i) => i % 5 === 0);
    const q2 = ladderInputsQuery(scheme, ctx(), { allPeriods: some });
    const fewer = LadderTuner.byNumberedGroup(scheme, await engine.query(q2.sql, q2.params), 'period_no', some);
    expect([...fewer.keys()]).toEqual(some);
    for (const period of some) expect(fewer.get(period)!.counts(), period).toEqual(await sqlCounts(scheme, period));
  }, 120_000);

  test('retail-aum per branch: 10 random ladders, every branch and tier as SQL counts it', async () => {
    const scheme = presetById('retail-aum') as LadderScheme;
    const period = '2025-12-31';
    const q = ladderInputsQuery(scheme, ctx(), period, 'branch');
    const table = await engine.query(q.sql, q.params);
    const tuners = LadderTuner.byGroup(scheme, table, 'branch');
    expect(tuners.size).toBeGreaterThan(3);
    const values = (table.getChild('v')!.toArray() as Float64Array).filter((v) => !Number.isNaN(v));
    for (let k = 0; k < 10; k++) {
      const bounds = k === 0 ? scheme.bounds : await randomBounds(scheme, values);
      const compiled = compileScheme({ ...scheme, bounds }, ctx());
      const rows = toRows(
        await engine.query(
          `SELECT d.branch, r.tier, count(*)::INTEGER AS n FROM (${compiled.sql}) r
           JOIN ${retail.table} d ON d.customer_id = r.customer_id AND d.period = r.period WHERE CAST(r.period AS VARCHAR) = ? GROUP BY ALL`,
          [period],
        ),
      );
      const fromSql = Object.fromEntries(rows.map((r) => [`${r.branch}|${r.tier}`, Number(r.n)]));
      const fast: Record<string, number> = {};
      for (const [branch, t] of tuners) for (const c of t.counts(bounds)) if (c.customers > 0) fast[`${branch}|${c.tier}`] = c.customers;
      expect(fast).toEqual(fromSql);
    }
  }, 120_000);

  test('retail-aum: 25 random ladders, transitions between two months', async () => {
    const scheme = presetById('retail-aum') as LadderScheme;
    const q = transitionInputsQuery(scheme, ctx(), '2025-11-30', '2025-12-31');
    const table = await engine.query(q.sql, q.params);
    const tuner = TransitionTuner.fromTable(scheme, table);
    const values = (table.getChild('v1')!.toArray() as Float64Array).filter((v) => !Number.isNaN(v));
    for (let k = 0; k < 25; k++) {
      const bounds = k === 0 ? scheme.bounds : await randomBounds(scheme, values);
      const variant = { ...scheme, bounds };
      await engine.query(`CREATE OR REPLACE TABLE ref_result AS ${compileScheme(variant, ctx()).sql}`);
      const ref = transitionQuery('ref_result', '2025-11-30', '2025-12-31', tiersOf(variant).map((t) => t.id));
      const sqlCells = toRows(await engine.query(ref.sql, ref.params)).map((c) => ({ from: String(c.from_tier), to: String(c.to_tier), customers: Number(c.customers) }));
      const key = (c: { from: string; to: string }) => `${c.from}>${c.to}`;
      const sort = (cells: { from: string; to: string; customers: number }[]) => [...cells].sort((a, b) => key(a).localeCompare(key(b)));
      expect(sort(tuner.cells(bounds))).toEqual(sort(sqlCells));
    }
  }, 120_000);

  test('value-matrix: 40 random cut pairs on the corporate sample', async () => {
    const f = await loadFile(engine, 'corp', { name: 'corporate_quarters.xlsx', bytes: new Uint8Array(readFileSync('data-samples/corporate_quarters.xlsx')) });
    retail = await buildDataset(engine, [f]);
    const scheme = presetById('value-matrix') as QuadrantScheme;
    const period = '2025-12-31';
    const q = quadrantInputsQuery(scheme, ctx(), period);
    const table = await engine.query(q.sql, q.params);
    const tuner = QuadrantTuner.fromTable(scheme, table);
    const xs = table.getChild('x')!.toArray() as Float64Array;
    const ys = table.getChild('y')!.toArray() as Float64Array;
    for (let k = 0; k < 40; k++) {
      const i = Math.floor(random() * xs.length);
      const xCut = k === 0 ? scheme.x.cut : random() < 0.5 ? xs[i]! : random() * 100;
      const yCut = k === 0 ? scheme.y.cut : random() < 0.5 ? ys[i]! : (random() - 0.3) * 2e6;
      if (Number.isNaN(xCut) || Number.isNaN(yCut)) continue;
      const variant = { ...scheme, x: { ...scheme.x, cut: xCut }, y: { ...scheme.y, cut: yCut } };
      expect({ xCut, yCut, counts: tuner.counts(xCut, yCut) }).toEqual({ xCut, yCut, counts: await sqlCounts(variant, period) });
    }
  }, 120_000);
});
