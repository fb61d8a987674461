import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { TracedRepeat } from '../../bench/lib/report';

/**
 * `npm run bench` in smoke mode (20,000 customers × 2 months in a temp folder, 5 moves per
 * scenario) against the built app: it completes and writes every key of the results format.
 * Behaviour only — benchmarks measure, tests do not assert timings.
 */
const REQUIRED: readonly string[] = [
  'load.parquet_ms',
  'load.csv_ms',
  'load.gbk_csv_ms',
  'load.panel12_ms',
  'load.native_parquet_ms',
  'load.native_csv_ms',
  'load.native_parquet_same_columns_ms',
  'machine_load.mean',
  'machine_load.max',
  'calibration_ms.js_sort_2m.start',
  'calibration_ms.native_hash_30m.end',
  'memory.after_panel12_mb',
  ...['one_period', 'dashboard', 'dashboard_filtered', 'two_period', 'quadrant'].flatMap((s) => ['p50', 'p95', 'max'].map((q) => `slider.${s}.${q}`)),
  'slider.requery_one_period.p50',
  'slider.requery_one_period.p95',
  'first_view_ms',
  'rows',
];

function at(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function run(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'bench/run.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('npm run bench --smoke', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierlens-bench-smoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('completes and writes every required key with a finite number, outside bench/results', async () => {
    expect(existsSync('dist/index.html'), 'run `npx vite build` first').toBe(true);
    const results = existsSync('bench/results') ? readdirSync('bench/results').sort() : [];
    const out = join(dir, 'bench.json');
    const { code, output } = await run(['--smoke', '--out', out, '--data', join(dir, 'data')]);
    expect(code, output.slice(-4000)).toBe(0);

    const json: unknown = JSON.parse(readFileSync(out, 'utf8'));
    expect(typeof at(json, 'machine')).toBe('string');
    expect(Number.isNaN(Date.parse(String(at(json, 'date'))))).toBe(false);
    for (const key of REQUIRED) expect(Number.isFinite(at(json, key)), `${key} = ${JSON.stringify(at(json, key))}`).toBe(true);
    expect(at(json, 'rows')).toBe(20_000);
    expect(at(json, 'mode')).toBe('smoke');
    expect(at(json, 'outside_requests')).toEqual([]);
    for (const s of ['one_period', 'dashboard', 'dashboard_filtered', 'two_period', 'quadrant']) expect(at(json, `slider.${s}.n`)).toBe(5);
    // The floors and the breakdowns behind "what bounds the targets not met".
    for (const key of ['slider.chart_update_floor_ms.p50', 'load.gbk_to_utf8_mb_per_s', 'load.gbk_decode_only_mb_per_s', 'load.parquet_wasm_decode_ms', 'load.parquet_wasm_insert_ms', 'load.parquet_ipc_mb', 'load.panel12_ipc_mb', 'memory.new_memory_first_touch_ms_per_mb', 'memory.new_memory_retouch_ms_per_mb', 'first_view.engine_ready_ms', 'first_view.sample_in_duckdb_ms']) {
      expect(Number.isFinite(at(json, key)), `${key} = ${JSON.stringify(at(json, key))}`).toBe(true);
    }
    for (const [scenario, charts] of [['one_period', ['tiers', 'tier-mix', 'tier-by-branch', 'histogram']], ['two_period', ['tiers', 'migration', 'sankey']]] as const) {
      for (const chart of charts) expect(at(json, `slider.chart_update_ms.${scenario}.${chart}`), `${scenario} ${chart}`).toBeGreaterThan(0);
      // A move's charts added up cost at least its dearest chart.
      const dearest = Math.max(...charts.map((chart) => Number(at(json, `slider.chart_update_ms.${scenario}.${chart}`))));
      expect(at(json, `slider.chart_update_sum_ms.${scenario}.p50`), `${scenario} per-move sum`).toBeGreaterThanOrEqual(dearest);
      expect(at(json, `slider.chart_update_sum_ms.${scenario}.p95`)).toBeGreaterThanOrEqual(Number(at(json, `slider.chart_update_sum_ms.${scenario}.p50`)));
    }
    // The traced repeats: compile jobs and scavenges inside a run as long as its moves took.
    for (const scenario of ['one_period', 'two_period']) {
      const t = at(json, `slider.traced.${scenario}`) as TracedRepeat;
      for (const key of ['spanMs', 'maglevMs', 'turbofanMs', 'scavenges', 'scavengeMs', 'scavengeMaxMs', 'p50', 'p95'] as const) expect(Number.isFinite(t[key]), `${scenario} ${key}`).toBe(true);
      expect(t.spanMs).toBeGreaterThanOrEqual(5 * t.p50);
      expect(t.scavengeMs).toBeLessThanOrEqual(t.spanMs);
      expect(t.scavengeMaxMs).toBeLessThanOrEqual(t.scavengeMs);
    }
    // The summary table is printed, and the committed results are left alone.
    expect(output).toContain('Targets');
    expect(existsSync('bench/results') ? readdirSync('bench/results').sort() : []).toEqual(results);
  }, 240_000);
});
