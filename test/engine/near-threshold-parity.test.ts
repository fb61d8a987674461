import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test } from 'vitest';
import { Workspace } from '../../src/app/workspace';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { presetById } from '../../src/schemes/presets';
import type { LadderScheme } from '../../src/schemes/types';

const GBK = 'data-samples/retail_2025-12_gbk.csv';
const RETAIL = presetById('retail-aum') as LadderScheme;

// Tuned as a manager would: 贵宾 typed as 30万, 理财 dragged to 6万.
const TUNINGS: Record<string, Record<string, number>> = {
  saved: {},
  'vip 30万': { vip: 300_000 },
  'vip 30万, wealth 6万': { vip: 300_000, wealth: 60_000 },
  'vip 12万 (band clamped at 财富)': { vip: 120_000 },
};

test.each(Object.entries(TUNINGS))('near-threshold list, %s: the page lists what the CLI marks, gaps to the working bound', async (_name, bounds) => {
  const scheme: LadderScheme = { ...RETAIL, bounds: RETAIL.bounds.map((b) => ({ ...b, min: bounds[b.tier] ?? b.min })) };
  const dir = mkdtempSync(join(tmpdir(), 'tierlens-near-'));
  writeFileSync(join(dir, 'scheme.json'), JSON.stringify(scheme));
  const out = join(dir, 'out.csv');
  const r = spawnSync('npm', ['run', '-s', 'tierlens', '--', 'apply', '--scheme', join(dir, 'scheme.json'), '--input', GBK, '--out', out], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const cli = (await db.runAndReadAll(`SELECT customer_id, tier, near_tier FROM read_csv('${out}', all_varchar = true) WHERE near_tier IS NOT NULL`)).getRowObjectsJS() as { customer_id: string; tier: string; near_tier: string }[];

  const ws = new Workspace(openWasmNodeEngine());
  await ws.addFiles([{ name: 'retail_2025-12_gbk.csv', bytes: new Uint8Array(readFileSync(GBK)) }]);
  const period = ws.getState().dataset!.periods.at(-1)!;
  const page = await ws.analyst.near(scheme, period, 100_000);

  expect(page.length).toBeGreaterThan(100);
  const key = (x: Record<string, unknown>) => `${String(x.customer_id)} ${String(x.tier)}→${String(x.near_tier)}`;
  expect(page.map(key).sort()).toEqual(cli.map(key).sort());
  const order = scheme.bounds.map((b) => b.tier).concat(scheme.below!);
  const min = Object.fromEntries(scheme.bounds.map((b) => [b.tier, b.min]));
  for (const row of page) {
    const gap = Number(row.gap);
    // Always to the next tier up, and never negative.
    expect(order.indexOf(String(row.near_tier))).toBe(order.indexOf(String(row.tier)) - 1);
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeCloseTo(min[String(row.near_tier)]! - Number(row.value), 6);
  }
});
