import { describe, expect, test } from 'vitest';
import { Workspace } from '../../src/app/workspace';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { presetById } from '../../src/schemes/presets';

const csv = (s: string) => new TextEncoder().encode(s);

describe('workspace (the data side of the app) on DuckDB-WASM', () => {
  test('files stack as periods; a bad file is reported and loses nothing; remapping re-reads the cells', async () => {
    const ws = new Workspace(openWasmNodeEngine());
    const failures = await ws.addFiles([
      { name: '客户_2025-01.csv', bytes: csv('客户号,日均资产\nA,"40,000"\nB,12万\nC,-\n') },
      { name: 'broken.xlsx', bytes: csv('this is not a workbook') },
      { name: '客户_2025-02.csv', bytes: csv('客户号,日均资产\nA,"50,000"\nB,5000000\nC,-1\n') },
    ]);
    expect(failures).toEqual([{ file: 'broken.xlsx', message: expect.stringMatching(/^broken\.xlsx: /), code: 'errUnsupportedType', params: {} }]);
    const state = ws.getState();
    expect(state.dataset?.periods).toEqual(['2025-01', '2025-02']);
    expect(state.failures).toHaveLength(1);

    const scheme = presetById('retail-aum');
    const jan = (await ws.analyst.tiers(scheme, '2025-01')).counts;
    expect(Object.fromEntries(jan.map((c) => [c.tier, c.customers]))).toEqual({ private: 0, vip: 0, affluent: 1, wealth: 0, mass: 1, unrated: 1 });
    const feb = (await ws.analyst.tiers(scheme, '2025-02')).counts;
    // Bounds are inclusive lower bounds; a negative amount is unrated, never the lowest tier.
    expect(Object.fromEntries(feb.map((c) => [c.tier, c.customers]))).toEqual({ private: 1, vip: 0, affluent: 0, wealth: 1, mass: 0, unrated: 1 });
    expect(feb.find((c) => c.tier === 'private')?.amount).toBe(5000000);

    // A second bad batch changes nothing that was loaded.
    await ws.addFiles([{ name: 'empty.csv', bytes: new Uint8Array() }]);
    expect((await ws.analyst.tiers(scheme, '2025-02')).counts).toEqual(feb);

    // Unmapping the amount column makes the scheme say what is missing, and mapping it back restores it.
    const file = ws.getState().files[0]!;
    await ws.remap(file.id, '日均资产', null);
    await ws.remap(ws.getState().files[1]!.id, '日均资产', null);
    await expect(ws.analyst.tiers(scheme, '2025-02')).rejects.toThrow(/needs the field "aum"/);
    await ws.remap(file.id, '日均资产', 'aum');
    await ws.remap(ws.getState().files[1]!.id, '日均资产', 'aum');
    expect((await ws.analyst.tiers(scheme, '2025-02')).counts).toEqual(feb);

    const preview = await ws.preview(10);
    expect(preview.total).toBe(6);
    expect(preview.rows[0]).toMatchObject({ period: '2025-02', customer_id: 'A', aum: 50000 });
  });
});

describe('load progress', () => {
  test('rises through reading (batch by batch for Parquet), checking and stacking, then clears', async () => {
    const { readFileSync } = await import('node:fs');
    const ws = new Workspace(openWasmNodeEngine());
    const seen: { busy?: string; progress?: number; stage?: string }[] = [];
    ws.subscribe(() => {
      const { busy, progress, stage } = ws.getState();
      const last = seen.at(-1);
      if (last?.busy !== busy || last?.progress !== progress || last?.stage !== stage) seen.push({ busy, progress, stage });
    });
    await ws.addFiles([{ name: 'retail_panel_24m.parquet', bytes: new Uint8Array(readFileSync('data-samples/retail_panel_24m.parquet')) }]);
    const loading = seen.filter((s) => s.busy !== undefined);
    expect(loading.every((s) => s.busy === 'retail_panel_24m.parquet')).toBe(true);
    // Stages in order, never back; progress never falls.
    const order = ['read', 'map', 'check', 'dataset'];
    const stages = loading.map((s) => order.indexOf(s.stage!));
    expect(stages.every((k, i) => k >= 0 && (i === 0 || k >= stages[i - 1]!))).toBe(true);
    expect(loading.every((s, i) => i === 0 || s.progress! >= loading[i - 1]!.progress!)).toBe(true);
    // Reading the file's rows moves the bar before the cells are checked (at most ten updates a second).
    const reading = loading.filter((s) => s.stage === 'read').map((s) => s.progress);
    expect(new Set(reading).size).toBeGreaterThan(1);
    expect(loading.at(-1)).toMatchObject({ stage: 'dataset', progress: 0.95 });
    expect(seen.at(-1)).toEqual({ busy: undefined, progress: undefined, stage: undefined });
  });
});

describe('Parquet out and back in', () => {
  test.each([['wasm'], ['native']])('%s: the exported dataset reads back identically', async (which) => {
    const { openNativeEngine } = await import('../../src/engine/native');
    const engine = which === 'wasm' ? await openWasmNodeEngine() : await openNativeEngine({ threads: 1 });
    const ws = new Workspace(Promise.resolve(engine));
    await ws.addFiles([{ name: 'a_2025-01.csv', bytes: csv('客户号,日均资产,开户\nA,"1,000.5",2025/1/2\nB,12万,\n') }]);
    const parquet = await ws.exportDataset();
    expect(String.fromCharCode(...parquet.subarray(0, 4))).toBe('PAR1');
    await ws.clear();
    expect(ws.getState().dataset).toBeUndefined();
    await ws.addFiles([{ name: 'back.parquet', bytes: parquet }]);
    const rows = (await ws.preview(10)).rows;
    expect(rows).toEqual([
      { customer_id: 'A', aum: 1000.5, 开户: '2025-01-02', period: null },
      { customer_id: 'B', aum: 120000, 开户: null, period: null },
    ]);
  });
});

describe('a database engine that dies', () => {
  test('is replaced by a fresh one; the user is told to load the data again, and loading works', async () => {
    // Fault injection: the first engine traps (as WebAssembly does when it runs out of memory)
    // on the first query after the data is loaded.
    let opened = 0;
    let armed = false;
    const open = async () => {
      const engine = await openWasmNodeEngine();
      const n = ++opened;
      return {
        ...engine,
        query: async (sql: string, params?: readonly (string | number | boolean | null | bigint)[]) => {
          if (n === 1 && armed) throw Object.assign(new Error('RuntimeError: memory access out of bounds'), { name: 'RuntimeError' });
          return engine.query(sql, params);
        },
      };
    };
    const ws = new Workspace(open);
    await ws.addFiles([{ name: 'a_2025-01.csv', bytes: csv('客户号,日均资产\nA,1\n') }]);
    expect(ws.getState().dataset?.rows).toBe(1);
    armed = true;
    await expect(ws.preview(10)).rejects.toThrow(/out of bounds/);
    expect(opened).toBe(2);
    expect(ws.getState().dataset).toBeUndefined();
    expect(ws.getState().failures.at(-1)?.message).toMatch(/engine stopped .* restarted; the data must be loaded again/);
    await ws.addFiles([{ name: 'b_2025-02.csv', bytes: csv('客户号,日均资产\nB,2\n') }]);
    expect(ws.getState().dataset?.rows).toBe(1);
    expect((await ws.preview(10)).rows[0]).toMatchObject({ customer_id: 'B', aum: 2 });
  });
});

describe('big Parquet files in DuckDB-WASM', () => {
  test('once the Parquet loaded reaches the limit, files are stored compressed; tiers, preview, removal and CSV work across both', async () => {
    const { openNativeEngine } = await import('../../src/engine/native');
    const { COMPACT_PARQUET_BYTES } = await import('../../src/engine/types');
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { toRows } = await import('../../src/engine/rows');
    // Two months of 600k customers, written uncompressed: each file over half the limit.
    const dir = mkdtempSync(join(tmpdir(), 'tierlens-big-'));
    const file = join(dir, 'big.parquet');
    const native = await openNativeEngine({ threads: 1 });
    await native.query(`COPY (SELECT 'C' || lpad(range::VARCHAR, 7, '0') AS customer_id, md5(range::VARCHAR) AS note, (range % 1000) * 997.0 AS aum FROM range(600000)) TO '${file}' (FORMAT parquet, COMPRESSION uncompressed)`);
    await native.close();
    const bytes = new Uint8Array(readFileSync(file));
    rmSync(dir, { recursive: true });
    expect(bytes.length).toBeGreaterThanOrEqual(COMPACT_PARQUET_BYTES / 2);
    expect(bytes.length).toBeLessThan(COMPACT_PARQUET_BYTES);

    const engine = await openWasmNodeEngine();
    const ws = new Workspace(Promise.resolve(engine));
    await ws.addFiles([
      { name: 'big_2025-02.parquet', bytes },
      { name: 'big_2025-03.parquet', bytes: bytes.slice() },
      { name: 'small_2025-04.csv', bytes: csv('客户号,日均资产\nC0000001,600万\nX,5\n') },
    ]);
    expect(ws.getState().failures).toEqual([]);
    const where = toRows(await engine.query(`SELECT database_name AS db, table_name AS t FROM duckdb_tables() WHERE table_name LIKE 'stg_%' OR table_name LIKE 'src_%' ORDER BY t`));
    // The first file stays in the default database; the second takes the total over the limit.
    expect(where).toEqual([
      { db: 'memory', t: 'src_f3' },
      { db: 'memory', t: 'stg_f1' },
      { db: 'compact', t: 'stg_f2' },
      { db: 'memory', t: 'stg_f3' },
    ]);
    const scheme = presetById('retail-aum');
    for (const month of ['2025-02', '2025-03']) expect((await ws.analyst.tiers(scheme, month)).counts.reduce((s, c) => s + c.customers, 0)).toBe(600_000);
    expect((await ws.analyst.tiers(scheme, '2025-04')).counts.reduce((s, c) => s + c.customers, 0)).toBe(2);
    expect((await ws.preview(1)).rows[0]).toMatchObject({ period: '2025-04' });
    const compacted = ws.getState().files.find((f) => f.name === 'big_2025-03.parquet')!;
    await ws.removeFile(compacted.id);
    expect(toRows(await engine.query(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = 'compact'`))).toEqual([{ n: 0 }]);
    expect(ws.getState().dataset?.rows).toBe(600_002);
    await engine.close();
  }, 120_000);
});
