import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { loadFile, type LoadedFile } from '../../src/ingest/load';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { toRows } from '../../src/engine/rows';

/** Fields each preset of presets.md reads (main rule and overrides), written out from the spec. */
const PRESET_FIELDS: Record<string, string[]> = {
  'retail-aum': ['customer_id', 'period', 'aum'],
  'star-points': ['customer_id', 'star_points'],
  'dealer-scorecard': ['customer_id', 'period', 'annual_sales', 'cost_ratio', 'credit_level', 'local_influence', 'cooperation_start'],
  'corporate-layers': ['customer_id', 'loan_balance', 'is_strategic', 'annual_revenue', 'industry', 'total_assets', 'avg_daily_deposit'],
  'value-matrix': ['loan_ftp_income', 'deposit_ftp_income', 'fee_income', 'capital_cost', 'operating_cost', 'credit_cost', 'bank_value_score'],
  'target-matrix': ['bank_value_score', 'industry_score', 'growth_score', 'influence_score'],
  'credit-grade': ['customer_id', 'credit_score', 'defaulted', 'loan_class'],
  'ccb-credit': ['customer_id', 'credit_score', 'policy_violation', 'loan_class'],
  lifecycle: ['customer_id', 'first_txn_date', 'last_txn_date', 'closed'],
  'savings-grade': ['overdue_count_12m', 'deposit_balance', 'deposit_term_months', 'consumption_12m'],
  'insurance-profile': ['premium', 'claims', 'other_income', 'loyalty_score', 'risk_score'],
  'abc-pareto': ['customer_id', 'annual_sales'],
  'sales-pipeline': ['has_need', 'expected_close_days'],
  rfm: ['customer_id', 'txn_date', 'amount'],
};

const SAMPLES = readdirSync('data-samples').filter((f) => !f.endsWith('.md')).sort();

describe('the committed samples', () => {
  let engine: Engine;
  const loaded: LoadedFile[] = [];
  beforeAll(async () => {
    engine = await openWasmNodeEngine();
    for (const [i, name] of SAMPLES.entries()) loaded.push(await loadFile(engine, `s${i}`, { name, bytes: new Uint8Array(readFileSync(`data-samples/${name}`)) }));
  }, 120_000);
  afterAll(() => engine.close());

  test('every file loads with no unreadable cell and no mapping conflict', () => {
    for (const f of loaded) {
      expect({ file: f.name, problems: f.report.problemCount }).toEqual({ file: f.name, problems: 0 });
      expect(f.mapping.conflicts).toEqual([]);
    }
  });

  test.each(Object.entries(PRESET_FIELDS))('%s: one sample holds every field it needs', (_preset, fields) => {
    const covering = loaded.filter((f) => fields.every((field) => field in f.mapping.mapping));
    expect(covering.map((f) => f.name), `no sample maps all of ${fields.join(', ')}`).not.toEqual([]);
  });

  test('the GBK month is read as GB18030 and its blank and "-" amounts are missing, not zero', () => {
    const gbk = loaded.find((f) => f.name === 'retail_2025-12_gbk.csv')!;
    expect(gbk.report.encoding).toBe('gb18030');
    const aum = gbk.report.columns.find((c) => c.field === 'aum')!;
    expect(aum).toMatchObject({ type: 'number', invalid: 0, nulls: 15 });
  });
});

describe('a large Parquet file in the browser', () => {
  test('leaves personal columns out (reported) so a big panel fits the tab; tiering fields stay', async () => {
    const { stageParquet } = await import('../../src/ingest/stage-binary');
    const engine = await openWasmNodeEngine();
    // The size limit set to 0 makes the 12 MB sample count as "large".
    const staging = await stageParquet(engine, 'big', 'retail_panel_24m.parquet', new Uint8Array(readFileSync('data-samples/retail_panel_24m.parquet')), { personalLimit: 0 });
    const columns = (await engine.query(`DESCRIBE ${staging.table}`)).toArray().map((r) => String(r.toJSON().column_name));
    expect(columns).not.toContain('customer_name');
    expect(columns).not.toContain('id_number');
    expect(columns).not.toContain('phone');
    expect(columns).toEqual(expect.arrayContaining(['customer_id', 'branch', 'snapshot_date', 'aum']));
    expect(staging.problems).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/personal columns left out .*customer_name, id_number, phone/) })]);
    await engine.close();
  });
});

describe('the progress of a Parquet load', () => {
  test('moves through the reading stage as the rows go in, then checks the cells', async () => {
    const engine = await openWasmNodeEngine();
    try {
      const heard: [number, string][] = [];
      await loadFile(engine, 'p', { name: 'retail_panel_24m.parquet', bytes: new Uint8Array(readFileSync('data-samples/retail_panel_24m.parquet')) }, { onProgress: (f, stage) => heard.push([f, stage]) });
      const reading = heard.filter(([, stage]) => stage === 'read').map(([f]) => f);
      // 481,924 rows in 122,880-row batches: the start, then four inserts.
      expect(reading).toHaveLength(5);
      expect(reading[0]).toBe(0.05);
      expect(reading.every((f, i) => i === 0 || f > reading[i - 1]!)).toBe(true);
      expect(reading.at(-1)).toBeCloseTo(0.6);
      expect(heard.at(-1)).toEqual([1, 'check']);
    } finally {
      await engine.close();
    }
  });
});

describe('a Parquet file read in many batches', () => {
  test('arrives in DuckDB-WASM whole and in file order, as native DuckDB reads it', async () => {
    const { openNativeEngine } = await import('../../src/engine/native');
    const file = 'data-samples/retail_panel_24m.parquet';
    const wasm = await openWasmNodeEngine();
    const native = await openNativeEngine({ threads: 1 });
    try {
      // Rows around the reader's batch edges (122,880 rows) and the file's last row.
      const rows = [0, 122_879, 122_880, 131_071, 131_072, 245_760, 479_999];
      await wasm.insertParquet('panel', new Uint8Array(readFileSync(file)));
      const fromWasm = toRows(await wasm.query(`SELECT rowid AS r, customer_id, snapshot_date::VARCHAR AS d, aum FROM panel WHERE rowid IN (${rows.join(', ')}) ORDER BY r`));
      const fromNative = toRows(await native.query(`SELECT file_row_number AS r, customer_id, snapshot_date::VARCHAR AS d, aum FROM read_parquet('${file}', file_row_number = true) WHERE file_row_number IN (${rows.join(', ')}) ORDER BY r`));
      expect(fromWasm.map((r) => [Number(r.r), r.customer_id, r.d, r.aum])).toEqual(fromNative.map((r) => [Number(r.r), r.customer_id, r.d, r.aum]));
      expect(fromWasm).toHaveLength(rows.length);
      const totals = `SELECT count(*)::INTEGER AS n, count(DISTINCT customer_id)::INTEGER AS ids, round(sum(aum), 2) AS aum FROM`;
      expect(toRows(await wasm.query(`${totals} panel`))).toEqual(toRows(await native.query(`${totals} '${file}'`)));
    } finally {
      await wasm.close();
      await native.close();
    }
  });
});

describe('a Parquet file handed to an engine that inserts in the background (the browser worker)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tierlens-pq-'));
  const file = path.join(dir, 'ten-batches.parquet');
  beforeAll(async () => {
    const { openNativeEngine } = await import('../../src/engine/native');
    const native = await openNativeEngine({ threads: 1 });
    try {
      // 1.2M rows in 500k-row groups: ten batches, like a panel's.
      await native.query(`COPY (SELECT range AS id, range * 0.5 AS aum FROM range(1200000)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 500000)`);
    } finally {
      await native.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** An insert that takes `ms` in the background, recording the order and how many overlap. */
  function slowInserts(ms: number, failAt = -1) {
    const seen = { started: [] as boolean[], settled: 0, inFlight: 0, most: 0 };
    const insert = (_ipc: Uint8Array, first: boolean) => {
      const k = seen.started.push(first) - 1;
      seen.inFlight++;
      seen.most = Math.max(seen.most, seen.inFlight);
      return new Promise<void>((resolve, reject) =>
        setTimeout(() => {
          seen.inFlight--;
          seen.settled++;
          if (k === failAt) reject(new Error(`insert ${k} failed`));
          else resolve();
        }, ms),
      );
    };
    return { seen, insert };
  }

  test('batches are handed over as they are decoded, in order, at most eight at once', async () => {
    const pq = await import('parquet-wasm');
    const { readParquetInParts } = await import('../../src/engine/parquet-io');
    const { seen, insert } = slowInserts(150);
    await readParquetInParts(pq, new Uint8Array(readFileSync(file)), undefined, insert);
    expect(seen.started).toEqual(seen.started.map((_, i) => i === 0));
    expect(seen.started.length).toBeGreaterThanOrEqual(10);
    // Slow inserts pile up ahead of their turn, but no more than eight, and none is left running.
    expect(seen.most).toBe(8);
    expect(seen.inFlight).toBe(0);
  });

  test('progress is the share of rows inserted, told after each insert has finished', async () => {
    const pq = await import('parquet-wasm');
    const { readParquetInParts } = await import('../../src/engine/parquet-io');
    const { seen, insert } = slowInserts(20);
    const heard: { fraction: number; settled: number }[] = [];
    await readParquetInParts(pq, new Uint8Array(readFileSync(file)), undefined, insert, { onProgress: (fraction) => heard.push({ fraction, settled: seen.settled }) });
    // One report per insert, each after that insert finished, rising to the whole file.
    expect(heard.length).toBe(seen.started.length);
    expect(heard.every((h, i) => h.settled >= i + 1 && (i === 0 || h.fraction > heard[i - 1]!.fraction))).toBe(true);
    expect(heard.at(-1)!.fraction).toBe(1);
    expect(Math.round(heard[0]!.fraction * 1_200_000)).toBe(122_880); // one batch of 122,880 rows
  });

  test('a failed insert fails the read with its own error, after every insert handed over has settled', async () => {
    const pq = await import('parquet-wasm');
    const { readParquetInParts } = await import('../../src/engine/parquet-io');
    const { seen, insert } = slowInserts(30, 1);
    await expect(readParquetInParts(pq, new Uint8Array(readFileSync(file)), undefined, insert)).rejects.toThrow('insert 1 failed');
    expect(seen.settled).toBe(seen.started.length);
    expect(seen.inFlight).toBe(0);
  });
});

describe('a Parquet file read in parts', () => {
  test('batches go in order, the first creating the table; leaving a column out sends less', async () => {
    const pq = await import('parquet-wasm');
    const { readParquetInParts } = await import('../../src/engine/parquet-io');
    const bytes = new Uint8Array(readFileSync('data-samples/retail_panel_24m.parquet'));
    const collect = async (skip: ((c: string) => boolean) | undefined) => {
      const parts: { bytes: number; first: boolean }[] = [];
      const skipped = await readParquetInParts(pq, bytes, skip, (ipc, first) => void parts.push({ bytes: ipc.length, first }));
      return { parts, skipped };
    };
    const whole = await collect(undefined);
    expect(whole.parts.length).toBeGreaterThan(1);
    expect(whole.parts.map((p) => p.first)).toEqual(whole.parts.map((_, i) => i === 0));
    const withoutNames = await collect((c) => c === 'customer_name');
    expect(withoutNames.skipped).toEqual(['customer_name']);
    expect(withoutNames.parts.reduce((s, p) => s + p.bytes, 0)).toBeLessThan(whole.parts.reduce((s, p) => s + p.bytes, 0));
  });
});
