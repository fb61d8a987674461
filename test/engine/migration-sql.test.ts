import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { toRows } from '../../src/engine/rows';
import { movementTotals, rowShares, transitionMatrix } from '../../src/analysis/migration';
import { projectTierMix } from '../../src/analysis/projection';
import { compileScheme } from '../../src/schemes/compile';
import { validateScheme } from '../../src/schemes/validate';
import { nearThresholdQuery } from '../../src/analysis/near-threshold-sql';
import { transitionQuery } from '../../src/analysis/transitions-sql';
import { presetById } from '../../src/schemes/presets';
import { tiersOf, type LadderScheme } from '../../src/schemes/types';
import { ENGINES } from '../support/engines';
import { applyToRows } from '../support/scheme-harness';

/**
 * Ten customers over two months, worked out by hand:
 *   c1 private→private, c2 vip→private (up), c3 vip→affluent (down), c4 affluent→affluent,
 *   c5 mass→wealth (up), c6 mass→unrated (down: AUM missing), c7 wealth→(gone),
 *   c8 (new)→mass, c9 unrated→mass (up), c10 (new)→vip.
 */
const ROWS = [
  ['c1', '2025-01', 6e6], ['c1', '2025-02', 7e6],
  ['c2', '2025-01', 600_000], ['c2', '2025-02', 5e6],
  ['c3', '2025-01', 500_000], ['c3', '2025-02', 499_999.99],
  ['c4', '2025-01', 100_000], ['c4', '2025-02', 120_000],
  ['c5', '2025-01', 49_999.99], ['c5', '2025-02', 50_000],
  ['c6', '2025-01', 1_000], ['c6', '2025-02', null],
  ['c7', '2025-01', 60_000],
  ['c8', '2025-02', 10],
  ['c9', '2025-01', -5], ['c9', '2025-02', 45_000],
  ['c10', '2025-02', 800_000],
] as const;

describe.each(ENGINES)('migration between two periods (%s)', (_name, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
    const scheme = presetById('retail-aum');
    const rows = ROWS.map(([customer_id, period, aum]) => ({ customer_id, period, aum }));
    const table = await applyToRows(engine, scheme, { customer_id: 'VARCHAR', period: 'VARCHAR', aum: 'DOUBLE' }, rows);
    // Keep the results in a table for the queries under test.
    await engine.query('CREATE OR REPLACE TABLE mig_result (customer_id VARCHAR, period VARCHAR, tier VARCHAR, aum DOUBLE, near_tier VARCHAR)');
    for (const r of table.byId.values()) void r; // byId holds one row per id; insert all rows instead:
    const compiledRows = ROWS.map(([customer_id, period, aum]) => ({ customer_id, period, aum }));
    for (const p of ['2025-01', '2025-02']) {
      const res = await applyToRows(engine, scheme, { customer_id: 'VARCHAR', period: 'VARCHAR', aum: 'DOUBLE' }, compiledRows.filter((r) => r.period === p));
      for (const r of res.byId.values()) await engine.query('INSERT INTO mig_result VALUES (?, ?, ?, ?, ?)', [r.customer_id, r.period, r.tier, r.aum, r.near_tier] as never);
    }
  });
  afterAll(() => engine.close());

  test('the long-form counts, the matrix, row shares and up/down/stay match the hand count', async () => {
    const order = tiersOf(presetById('retail-aum')).map((t) => t.id);
    const q = transitionQuery('mig_result', '2025-01', '2025-02', order, 'aum');
    const cells = toRows(await engine.query(q.sql, q.params));
    expect(cells.map((c) => [c.from_tier, c.to_tier, c.customers])).toEqual([
      ['(new)', 'vip', 1], ['(new)', 'mass', 1],
      ['private', 'private', 1],
      ['vip', 'private', 1], ['vip', 'affluent', 1],
      ['affluent', 'affluent', 1],
      ['wealth', '(gone)', 1],
      ['mass', 'wealth', 1], ['mass', 'unrated', 1],
      ['unrated', 'mass', 1],
    ]);
    expect(cells.find((c) => c.from_tier === 'vip' && c.to_tier === 'private')).toMatchObject({ amount_from: 600_000, amount_to: 5e6 });
    const m = transitionMatrix(cells.map((c) => ({ from: String(c.from_tier), to: String(c.to_tier), customers: Number(c.customers) })), order);
    expect(m.total).toBe(10);
    expect(movementTotals(m, order)).toMatchObject({ up: 3, down: 2, stay: 2, new: 2, gone: 1 });
    const shares = rowShares(m);
    expect(shares[m.rows.indexOf('vip')]![m.cols.indexOf('private')]).toBe(0.5);
  });

  test('the near-threshold list names the tier and the gap to its bound', async () => {
    const scheme = presetById('retail-aum') as LadderScheme;
    const q = nearThresholdQuery({ table: 'mig_result' }, scheme, '2025-02');
    const rows = toRows(await engine.query(q.sql, q.params));
    expect(rows.map((r) => [r.customer_id, r.near_tier, Math.round(Number(r.gap) * 100) / 100])).toEqual([
      ['c3', 'vip', 0.01],
      ['c9', 'wealth', 5000],
    ]);
  });
});

/**
 * A published cohort-method exercise (Löffler & Posch, "Credit Risk Modeling using Excel and
 * VBA", ch. 3 problem): 30 firms, 15 rated A and 15 rated B at the start of a year; one A is
 * downgraded to B, one B upgraded to A, one B defaults. Cohort one-year matrix:
 *   A: 14/15 A, 1/15 B, 0 D;  B: 1/15 A, 13/15 B, 1/15 D;  D absorbing.
 */
describe.each(ENGINES)('published cohort transition example (%s)', (_name, open) => {
  test('one-year matrix by the cohort method, and the two-year projection P²', async () => {
    const engine = await open();
    const scheme = validateScheme({
      format: 'tierlens-scheme', version: 1, id: 'rating', kind: 'rules', label: { zh: '评级', en: 'Rating' },
      tiers: [{ id: 'A', label: { zh: 'A', en: 'A' }, color: '#2e9d6a' }, { id: 'B', label: { zh: 'B', en: 'B' }, color: '#1f6fb2' }, { id: 'D', label: { zh: 'D', en: 'D' }, color: '#c0392b' }],
      requires: ['credit_level'],
      rules: [{ when: "credit_level = 'A'", tier: 'A' }, { when: "credit_level = 'B'", tier: 'B' }],
      otherwise: 'D',
    });
    const start = Array.from({ length: 30 }, (_, i) => ({ id: `f${i}`, r: i < 15 ? 'A' : 'B' }));
    const end = start.map((f) => ({ id: f.id, r: f.id === 'f0' ? 'B' : f.id === 'f15' ? 'A' : f.id === 'f16' ? 'D' : f.r }));
    const rows = [...start.map((f) => ({ customer_id: f.id, period: '2024', credit_level: f.r })), ...end.map((f) => ({ customer_id: f.id, period: '2025', credit_level: f.r }))];
    await engine.query('CREATE OR REPLACE TABLE cohort (customer_id VARCHAR, period VARCHAR, credit_level VARCHAR)');
    for (const r of rows) await engine.query('INSERT INTO cohort VALUES (?, ?, ?)', [r.customer_id, r.period, r.credit_level]);
    await engine.query(`CREATE OR REPLACE TABLE cohort_result AS ${compileScheme(scheme, { table: 'cohort', columns: new Set(['customer_id', 'period', 'credit_level']) }).sql}`);
    const order = tiersOf(scheme).map((t) => t.id);
    const q = transitionQuery('cohort_result', '2024', '2025', order);
    const m = transitionMatrix(toRows(await engine.query(q.sql, q.params)).map((c) => ({ from: String(c.from_tier), to: String(c.to_tier), customers: Number(c.customers) })), order);
    const shares = rowShares(m);
    const row = (t: string) => ['A', 'B', 'D'].map((c) => shares[m.rows.indexOf(t)]![m.cols.indexOf(c)]!);
    expect(row('A')).toEqual([14 / 15, 1 / 15, 0]);
    expect(row('B')).toEqual([1 / 15, 13 / 15, 1 / 15]);
    // Two years ahead from the start mix (15 A, 15 B), D absorbing: start · P².
    const projection = projectTierMix(m, 2, { A: 15, B: 15, D: 0 });
    const p2 = projection.steps[2]!.mix;
    // By hand: A = 15·(197/225 + 14/225 + 13/225)…: A→A² = (14·14 + 1·1)/225, B→A² = (1·14 + 13·1)/225, etc.
    expect(p2.A).toBeCloseTo(15 * (197 + 27) / 225, 9);
    expect(p2.B).toBeCloseTo(15 * ((14 + 13) + (1 + 169)) / 225, 9);
    expect(p2.D).toBeCloseTo(15 * (1 + (13 + 15)) / 225, 9);
    expect((p2.A ?? 0) + (p2.B ?? 0) + (p2.D ?? 0) + (p2['(gone)'] ?? 0)).toBeCloseTo(30, 9);
    await engine.close();
  });
});
