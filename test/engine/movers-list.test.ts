import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import { MOVERS_SETTLE_MS, NotebookController } from '../../src/app/notebook-controller';
import type { ViewModel } from '../../src/views/registry';
import { Workspace } from '../../src/app/workspace';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { emptyNotebook } from '../../src/notebook/types';
import { presetById } from '../../src/schemes/presets';
import { knobsOf, setKnob } from '../../src/schemes/knobs';
import { computeView } from '../../src/views/compute';
import type { LadderScheme } from '../../src/schemes/types';

const SAMPLE = 'data-samples/retail_panel_24m.parquet';
const PERIOD = '2025-12-31';

/** Retail-aum's tier with the VIP bound at `vip`, as plain SQL says it (independent of the compiler). */
const tierSql = (vip: number) =>
  `CASE WHEN aum IS NULL OR aum < 0 THEN 'unrated' WHEN aum >= 5000000 THEN 'private' WHEN aum >= ${vip} THEN 'vip' WHEN aum >= 100000 THEN 'affluent' WHEN aum >= 50000 THEN 'wealth' ELSE 'mass' END`;

/** The top movers between two VIP bounds, by plain SQL on native DuckDB over the sample file itself. */
async function topMoversBySql(fromVip: number, toVip: number, limit: number) {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const r = await c.runAndReadAll(`
    SELECT customer_id, customer_name, branch, ${tierSql(fromVip)} AS saved_tier, ${tierSql(toVip)} AS new_tier, aum AS amount
    FROM '${SAMPLE}' WHERE snapshot_date = DATE '${PERIOD}' AND saved_tier <> new_tier
    ORDER BY aum DESC, customer_id LIMIT ${limit}`);
  const count = await c.runAndReadAll(`SELECT count(*)::INTEGER FROM '${SAMPLE}' WHERE snapshot_date = DATE '${PERIOD}' AND ${tierSql(fromVip)} <> ${tierSql(toVip)}`);
  c.closeSync();
  const rows = r.getRowObjectsJS().map((x) => ({ customer_id: x.customer_id, customer_name: x.customer_name, branch: x.branch, saved_tier: x.saved_tier, new_tier: x.new_tier, amount: Number(x.amount) }));
  return { rows, total: Number(count.getRowsJS()[0]![0]) };
}

describe('before/after: the movers of a tuned ladder on the bundled sample', () => {
  let ws: Workspace;
  const saved = presetById('retail-aum') as LadderScheme;
  const working = setKnob(saved, 'bounds.1.min', 300_000) as LadderScheme;

  beforeAll(async () => {
    ws = new Workspace(openWasmNodeEngine());
    await ws.addFiles([{ name: 'retail_panel_24m.parquet', bytes: new Uint8Array(readFileSync(SAMPLE)) }]);
  }, 120_000);

  test('the VIP bound at 30万: the top 20 by amount, with names, branches and tiers from → to, as plain SQL lists them', async () => {
    expect(working.bounds[1]).toMatchObject({ tier: 'vip', min: 300_000 });
    const expected = await topMoversBySql(500_000, 300_000, 20);
    expect(expected.rows).toHaveLength(20);
    const list = await ws.analyst.moverList(saved, working, PERIOD, { limit: 20 });
    expect(list).toMatchObject({ name: true, branch: true, amount: true });
    expect(list.rows.map((r) => ({ customer_id: r.customer_id, customer_name: r.customer_name, branch: r.branch, saved_tier: r.saved_tier, new_tier: r.new_tier, amount: r.amount }))).toEqual(expected.rows);
    expect(list.rows.every((r) => r.saved_tier === 'affluent' && r.new_tier === 'vip')).toBe(true);

    // The fast totals and the SQL totals count the same movers as plain SQL; the full list too.
    const fast = await ws.analyst.beforeAfter(saved, working, PERIOD);
    const bySql = await ws.analyst.moverTotals(saved, working, PERIOD);
    expect({ up: fast.up, down: fast.down, upCents: fast.upCents }).toEqual({ up: expected.total, down: 0, upCents: bySql.upCents });
    expect({ up: bySql.up, down: bySql.down }).toEqual({ up: expected.total, down: 0 });
    expect((await ws.analyst.moverList(saved, working, PERIOD)).rows).toHaveLength(expected.total);
  }, 120_000);

  test('in the notebook: a move answers totals at once, and the list once the move settles', async () => {
    const controller = new NotebookController(ws, emptyNotebook());
    controller.openWithData(ws.getState().dataset!, 'zh-CN');
    await controller.scheduler.whenIdle();
    controller.setWorkingScheme(working);
    await controller.scheduler.whenIdle();
    const model = () => controller.scheduler.getCellState('before-after').value as Extract<ViewModel, { view: 'before-after' }>;
    const expected = await topMoversBySql(500_000, 300_000, 20);
    // Right after the move: the totals of this move, and no list yet (not the previous one).
    expect(model()).toMatchObject({ changed: true, totals: { up: expected.total, down: 0 } });
    expect(model().movers).toBeUndefined();
    await new Promise((r) => setTimeout(r, MOVERS_SETTLE_MS + 50));
    await controller.scheduler.whenIdle();
    expect(model().movers?.rows.map((r) => [r.customer_id, r.saved_tier, r.new_tier])).toEqual(expected.rows.map((r) => [r.customer_id, r.saved_tier, r.new_tier]));
    // Moving again drops the list until that move settles.
    controller.setWorkingScheme(setKnob(working, 'bounds.1.min', 200_000));
    await controller.scheduler.whenIdle();
    expect(model().movers).toBeUndefined();
    controller.dispose();
  }, 120_000);

  test('a rules scheme (no fast path, no amount): totals and list from SQL in one run, by customer id', async () => {
    const rules = presetById('savings-grade');
    const knob = knobsOf(rules).find((k) => k.value === 500_000)!;
    const tuned = setKnob(rules, knob.path, 300_000);
    const dataset = ws.getState().dataset!;
    const model = await computeView('before-after', {}, { scheme: tuned, saved: rules, dataset, params: {}, listMovers: false }, ws.analyst);
    if (model.view !== 'before-after') throw new Error(model.view);
    const all = (await ws.analyst.moverList(rules, tuned, PERIOD)).rows;
    expect(model.totals!.up + model.totals!.down).toBe(all.length);
    expect(all.length).toBeGreaterThan(20);
    expect(model.movers).toMatchObject({ amount: false, name: true, branch: true });
    expect(model.movers!.rows).toEqual(all.slice(0, 20));
    const ids = all.map((r) => String(r.customer_id));
    expect(ids).toEqual([...ids].sort());
    expect(all.every((r) => r.saved_tier !== r.new_tier)).toBe(true);
  }, 120_000);
});
