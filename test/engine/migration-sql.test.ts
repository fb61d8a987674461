import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { toRows } from '../../src/engine/rows';
import { movementTotals, rowShares, transitionMatrix } from '../../src/analysis/migration';
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
    const q = nearThresholdQuery('mig_result', scheme, '2025-02');
    const rows = toRows(await engine.query(q.sql, q.params));
    expect(rows.map((r) => [r.customer_id, r.near_tier, Math.round(Number(r.gap) * 100) / 100])).toEqual([
      ['c3', 'vip', 0.01],
      ['c9', 'wealth', 5000],
    ]);
  });
});
