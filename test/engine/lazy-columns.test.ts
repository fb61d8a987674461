import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Workspace } from '../../src/app/workspace';
import { toRows } from '../../src/engine/rows';
import type { Engine } from '../../src/engine/types';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { presetById } from '../../src/schemes/presets';
import type { Scheme } from '../../src/schemes/types';
import { tableFromIPC } from 'apache-arrow';
import * as pq from 'parquet-wasm';

const PANEL = 'data-samples/retail_panel_24m.parquet';
const panel = () => ({ name: 'retail_panel_24m.parquet', bytes: new Uint8Array(readFileSync(PANEL)) });
const retail = presetById('retail-aum') as Scheme;
const staged = async (engine: Engine, ws: Workspace) => toRows(await engine.query(`DESCRIBE stg_${ws.getState().files[0]!.id}`)).map((r) => String(r.column_name));
const pendingOf = (ws: Workspace) => ws.getState().files[0]!.report.columns.filter((c) => c.pending).map((c) => c.name);

/**
 * A user's Parquet file is read lazily: the load reads the id and the period; every other column
 * is read when something names it. Each answer is checked against the same file read whole
 * (the bundled-sample path reads every column at once), on two engines side by side.
 */
describe('Parquet columns read when asked for', () => {
  let lazyEngine: Engine;
  let wholeEngine: Engine;
  let lazy: Workspace;
  let whole: Workspace;
  let latest: string;
  beforeAll(async () => {
    [lazyEngine, wholeEngine] = await Promise.all([openWasmNodeEngine(), openWasmNodeEngine()]);
    lazy = new Workspace(Promise.resolve(lazyEngine));
    whole = new Workspace(Promise.resolve(wholeEngine));
    expect(await lazy.addFiles([panel()])).toEqual([]);
    expect(await whole.addFiles([panel()], { sample: true })).toEqual([]);
    latest = whole.getState().dataset!.periods.at(-1)!;
  }, 120_000);
  afterAll(async () => {
    await lazyEngine.close();
    await wholeEngine.close();
  });

  test('the load reads the id and the period only; the data still has every column, with the same types', async () => {
    expect(await staged(lazyEngine, lazy)).toEqual(['customer_id', 'snapshot_date']);
    expect(pendingOf(lazy)).toEqual(expect.arrayContaining(['customer_name', 'id_number', 'phone', 'aum', 'branch']));
    const columns = (ws: Workspace) => ws.getState().dataset!.columns.map((c) => `${c.name}:${c.sqlType}`).sort();
    expect(columns(lazy)).toEqual(columns(whole));
    expect(lazy.getState().dataset!.rows).toBe(whole.getState().dataset!.rows);
    expect(lazy.getState().dataset!.periods).toEqual(whole.getState().dataset!.periods);
  });

  test('tiering reads the metric it needs and gives the same counts; personal columns stay unread', async () => {
    const [a, b] = await Promise.all([lazy.analyst.tiers(retail, latest), whole.analyst.tiers(retail, latest)]);
    expect(a.counts).toEqual(b.counts);
    expect(await staged(lazyEngine, lazy)).toContain('aum');
    expect(await staged(lazyEngine, lazy)).not.toContain('customer_name');
    expect(await staged(lazyEngine, lazy)).not.toContain('id_number');
  });

  test('a filter on a column not read yet reads it, and filters as on the whole file', async () => {
    const filter = [{ field: 'credit_score', kind: 'range' as const, min: 40 }];
    await lazy.setFilters(filter);
    await whole.setFilters(filter);
    expect(lazy.getState().dataset!.rows).toBe(whole.getState().dataset!.rows);
    const [a, b] = await Promise.all([lazy.analyst.tiers(retail, latest), whole.analyst.tiers(retail, latest)]);
    expect(a.counts).toEqual(b.counts);
    await lazy.setFilters([]);
    await whole.setFilters([]);
  });

  test('an export without personal data leaves them unread; a customer list reads the names', async () => {
    const exported = tableFromIPC(pq.readParquet(await lazy.exportDataset(false)).intoIPCStream());
    expect(exported.schema.fields.map((f) => f.name)).not.toContain('customer_name');
    expect(exported.schema.fields.map((f) => f.name)).toContain('closed');
    expect(pendingOf(lazy)).toEqual(expect.arrayContaining(['customer_name', 'id_number', 'phone']));

    const segment = { kind: 'tier' as const, period: latest, tier: 'vip' };
    const [a, b] = await Promise.all([lazy.analyst.drill(retail, segment, { limit: 50 }), whole.analyst.drill(retail, segment, { limit: 50 })]);
    expect(a.rows.length).toBeGreaterThan(0);
    expect(a.rows.map((r) => [r.customer_id, r.customer_name, r.branch])).toEqual(b.rows.map((r) => [r.customer_id, r.customer_name, r.branch]));
    expect(pendingOf(lazy)).not.toContain('customer_name');
    // The report fills in what it could not know before: the column's empty cells.
    const report = (ws: Workspace) => ws.getState().files[0]!.report.columns.find((c) => c.name === 'customer_name');
    expect(report(lazy)).toEqual(report(whole));
  });

  test('a SQL cell and the preview see every column, with the same values', async () => {
    const sql = 'SELECT * EXCLUDE (__file, __rec, __period_key) FROM dataset ORDER BY customer_id, period LIMIT 20';
    const [a, b] = await Promise.all([lazy.analyst.sql(sql, []), whole.analyst.sql(sql, [])]);
    expect(a.schema.fields.map((f) => f.name).sort()).toEqual(b.schema.fields.map((f) => f.name).sort());
    expect(toRows(a)).toEqual(toRows(b));
    expect(pendingOf(lazy)).toEqual([]);
    const [p, q] = await Promise.all([lazy.preview(30), whole.preview(30)]);
    expect(p).toEqual(q);
  });
});

describe('reading ahead', () => {
  test('the columns the first views will read are read in the load itself, nothing personal', async () => {
    const engine = await openWasmNodeEngine();
    try {
      const ws = new Workspace(Promise.resolve(engine));
      expect(await ws.addFiles([panel()], { readFirst: (columns) => new Set([...columns].filter((c) => c === 'aum' || c === 'branch')) })).toEqual([]);
      expect(await staged(engine, ws)).toEqual(['customer_id', 'branch', 'snapshot_date', 'aum']);
      expect(pendingOf(ws)).toContain('customer_name');
    } finally {
      await engine.close();
    }
  }, 120_000);
});

describe('files stack alike', () => {
  test('a CSV added beside a lazily read Parquet file has the Parquet file read its shared columns', async () => {
    const engine = await openWasmNodeEngine();
    try {
      const ws = new Workspace(Promise.resolve(engine));
      expect(await ws.addFiles([panel()])).toEqual([]);
      expect(await ws.addFiles([{ name: 'retail_2025-11_utf8.csv', bytes: new Uint8Array(readFileSync('data-samples/retail_2025-11_utf8.csv')) }])).toEqual([]);
      // Read straight from the engine (no reading on demand): the Parquet rows have their names.
      const n = toRows(await engine.query('SELECT count(customer_name)::INTEGER AS named, count(*)::INTEGER AS n FROM dataset WHERE __file = 0'))[0]!;
      expect(n.named).toBeGreaterThan(0);
      expect(n.named).toBe(n.n);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
