/**
 * The hostile-input corpus (test/fixtures/hostile, made by scripts/make-hostile-corpus.ts) run
 * through the command line and through the browser's ingest on DuckDB-WASM, each file checked
 * against its row of expected.json: correct data plus a warning, or a clear error naming the file
 * (and line / column / field where known) — never a crash, a hang, or a number silently set to 0.
 * Already loaded data must survive every failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toRows, type Row } from '../../src/engine/rows';
import type { Engine } from '../../src/engine/types';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { buildDataset } from '../../src/ingest/dataset';
import { dropFileTables, loadFile, type LoadedFile } from '../../src/ingest/load';
import { sizeRefusal } from '../../src/ingest/limits';
import { IngestError } from '../../src/ingest/report';
import { FORMULA_START, HOSTILE_DIR, PLAIN_NUMBER, formatProblem, readExpected, retailTier, type HostileCase } from '../support/hostile';

const CASES = readExpected();
const FILES = CASES.filter((c) => !c.generated);
const HUGE = CASES.find((c) => c.generated === 'sparse-2GiB');

/** Runs the command line exactly as cli.md documents it (`npm run -s tierlens -- …`). */
function tierlens(...args: string[]) {
  const started = Date.now();
  const r = spawnSync('npm', ['run', '-s', 'tierlens', '--', ...args], { encoding: 'utf8', timeout: 90_000 });
  return {
    status: r.status,
    signal: r.signal,
    ms: Date.now() - started,
    stdout: r.stdout,
    stderr: (r.stderr ?? '').split('\n').filter((l) => l && !l.startsWith('npm warn')).join('\n'),
  };
}

async function readCsv(path: string): Promise<Record<string, string | null>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const q = `SELECT * FROM read_csv('${path.replaceAll("'", "''")}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
    return (await c.runAndReadAll(q)).getRowObjectsJS() as Record<string, string | null>[];
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

const mapArgs = (c: HostileCase) => Object.entries(c.map ?? {}).flatMap(([f, col]) => ['--map', `${f}=${col}`]);
const outName = (c: HostileCase) => `${c.file.replace(/[^\w.-]/g, '_')}.out.csv`;

describe('hostile corpus: command line (apply --scheme retail-aum)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tierlens-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the table has every committed file and nothing else', () => {
    const onDisk = readdirSync(HOSTILE_DIR).filter((f) => f !== 'expected.json' && f !== 'README.md').sort();
    expect(onDisk).toEqual(FILES.map((c) => c.file).sort());
    expect(FILES.length).toBeGreaterThanOrEqual(32);
    for (const f of onDisk) expect(readFileSync(join(HOSTILE_DIR, f)).length, f).toBeLessThan(100 * 1024);
  });

  test.each(FILES.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    const out = join(dir, outName(c));
    const before = readdirSync(dir).sort();
    const r = tierlens('apply', '--scheme', 'retail-aum', '--input', join(HOSTILE_DIR, c.file), ...mapArgs(c), '--out', out);
    const said = `exit ${r.status}, stderr:\n${r.stderr}`;
    expect(r.signal, `killed after ${r.ms} ms (hang?) ${said}`).toBeNull();
    if (r.status !== c.cli!.exit) {
      // Say what happened instead (for a wrong success: what was written).
      const written = r.status === 0 && existsSync(out) ? `\nwritten: ${JSON.stringify((await readCsv(out)).slice(0, 6))}` : '';
      rmSync(out, { force: true });
      expect.fail(`expected exit ${c.cli!.exit}, got ${said}${written}`);
    }
    const errLines = r.stderr.split('\n').filter(Boolean);
    if (c.cli!.exit !== 0) {
      expect(errLines, 'one line on stderr').toHaveLength(1);
      if (c.cli!.stderr) expect(r.stderr).toMatch(new RegExp(c.cli!.stderr));
      expect(existsSync(out), 'no output file on failure').toBe(false);
      expect(readdirSync(dir).sort(), 'nothing left behind').toEqual(before);
      return;
    }
    expect(existsSync(out)).toBe(true);
    // Success: the summary line and warnings only (no stack traces).
    for (const l of errLines) expect.soft(l).toMatch(/^(warning: |retail-aum: \d+ rows written to )/);
    if (c.cli!.stderr) expect.soft(r.stderr, 'stderr').toMatch(new RegExp(c.cli!.stderr));
    if (c.outcome === 'ok') expect.soft(errLines.filter((l) => l.startsWith('warning: ')), 'no warnings for a clean file').toEqual([]);

    const rows = await readCsv(out);
    rmSync(out);
    if (c.rows !== undefined) expect.soft(rows.length, 'rows written').toBe(c.rows);
    // Formula injection: no text cell of the CSV may start a formula (a plain negative number may).
    const unsafe = rows.flatMap((row) => Object.entries(row).filter(([, cell]) => cell !== null && FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell)).map(([k, cell]) => `${k}=${cell}`));
    expect.soft(unsafe, 'CSV cells that Excel would run as formulas').toEqual([]);
    for (const want of c.values ?? []) {
      const got = rows.find((row) => row.customer_id === want.customer_id || row.customer_id === `'${want.customer_id}`);
      if (got === undefined) {
        expect.soft(got, `customer ${want.customer_id} in the output (ids: ${rows.slice(0, 10).map((x) => x.customer_id).join(', ')})`).toBeDefined();
        continue;
      }
      const aum = got.aum === null || got.aum === '' ? null : Number(got.aum);
      if (want.aum === null) expect.soft(aum, `${want.customer_id} aum`).toBeNull();
      else expect.soft(aum, `${want.customer_id} aum`).toBeCloseTo(want.aum, 6);
      expect.soft(got.tier, `${want.customer_id} tier`).toBe(retailTier(want.aum));
      if (want.period !== undefined) expect.soft(got.period, `${want.customer_id} period`).toBe(want.period);
    }
  });

  test(`${HUGE?.file ?? 'huge'}: a 2 GiB file (sparse, made now) is refused quickly with a clear line, or handled`, () => {
    expect(HUGE).toBeDefined();
    const c = HUGE!;
    const input = join(dir, c.file);
    const out = join(dir, outName(c));
    writeFileSync(input, '客户号,客户姓名,月日均AUM(元),数据日期\nC001,张伟,120000,2025-01-31\nC002,王芳,550000,2025-01-31\nC003,李娜,48000,2025-01-31\n');
    truncateSync(input, 2 ** 31); // sparse: takes no disk space
    try {
      const before = readdirSync(dir).sort();
      const r = tierlens('apply', '--scheme', 'retail-aum', '--input', input, '--out', out);
      const said = `exit ${r.status} after ${r.ms} ms, stderr:\n${r.stderr}`;
      expect(r.signal, `killed (hang?) ${said}`).toBeNull();
      expect(r.status, said).toBe(c.cli!.exit);
      expect(r.stderr.split('\n').filter(Boolean), said).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(c.cli!.stderr!));
      expect(r.ms, 'refused quickly').toBeLessThan(30_000);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir).sort()).toEqual(before);
    } finally {
      rmSync(input, { force: true });
    }
  });
});

describe('hostile corpus: browser ingest (loadFile on DuckDB-WASM)', () => {
  let engine: Engine;
  let base: LoadedFile;
  let n = 0;
  const BASE = 'gbk_excel.csv';
  /** The already-loaded file and the dataset over it: both must be untouched by any later failure. */
  const snapshot = async () => ({
    table: toRows(await engine.query(`SELECT count(*)::INTEGER AS n, sum("月日均AUM(元)") AS aum, string_agg("客户号", ',' ORDER BY __rec) AS ids FROM ${base.typed.table}`))[0],
    dataset: toRows(await engine.query(`SELECT count(*)::INTEGER AS n, sum(aum) AS aum FROM dataset`))[0],
  });
  let baseline: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    engine = await openWasmNodeEngine();
    base = await loadFile(engine, 'base', { name: BASE, bytes: new Uint8Array(readFileSync(join(HOSTILE_DIR, BASE))) });
    await buildDataset(engine, [base]);
    baseline = await snapshot();
    expect(baseline.table).toEqual({ n: 4, aum: 1234567.89 + 88000 + 6000000, ids: 'C001,C002,C003,C004' });
  });
  afterAll(() => engine.close());

  test(`${HUGE?.file ?? 'huge'}: size-simulated, refused before a byte is read (the tab's size check)`, async () => {
    const c = HUGE!;
    const refusal = sizeRefusal(c.file, 2 ** 31);
    expect(refusal, 'refused').toBeDefined();
    expect(refusal!.includes('\n'), 'one line').toBe(false);
    expect(refusal).toMatch(new RegExp(c.message!));
    expect(await snapshot()).toEqual(baseline);
  });

  test.each(FILES.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    const id = `h${++n}`;
    let file: LoadedFile | undefined;
    let error: unknown;
    try {
      file = await loadFile(engine, id, { name: c.file, bytes: new Uint8Array(readFileSync(join(HOSTILE_DIR, c.file))) }, { overrides: c.map });
    } catch (e) {
      error = e;
    }
    try {
      if (c.outcome === 'error') {
        if (file !== undefined) {
          const sample = toRows(await engine.query(`SELECT * EXCLUDE (__rec) FROM ${file.typed.table} ORDER BY __rec LIMIT 5`));
          expect.fail(`expected an error, but it loaded ${file.report.rows} rows; mapping ${JSON.stringify(file.mapping.mapping)}; warnings: ${file.report.problems.map(formatProblem).join(' | ') || 'none'}; first rows: ${JSON.stringify(sample)}`);
        }
        expect(error, 'a clear IngestError, not a crash').toBeInstanceOf(IngestError);
        const message = (error as Error).message;
        expect(message.includes('\n'), 'one line').toBe(false);
        expect(message).toMatch(new RegExp(c.message!));
        return;
      }
      if (file === undefined) expect.fail(`expected it to load, but: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      const f = file;
      const dataset = await buildDataset(engine, [f]);
      const warnings = [
        ...f.report.problems.map(formatProblem),
        ...dataset.problems.map(formatProblem),
        ...f.mapping.conflicts.map((k) => `${f.name}: columns ${k.headers.map((h) => JSON.stringify(h)).join(', ')} all match field ${k.field}; "${k.headers[0]}" is used`),
      ];
      if (c.outcome === 'ok') expect.soft(warnings, 'no warnings for a clean file').toEqual([]);
      else expect.soft(warnings.join('\n'), 'a warning').toMatch(new RegExp(c.message!));
      expect.soft(f.report.rows, 'rows that load').toBe(c.rows);
      if (c.values?.length) {
        const m = f.mapping.mapping;
        const rows = toRows(await engine.query(`SELECT * FROM ${f.typed.table} ORDER BY __rec`));
        const sample = JSON.stringify(rows.slice(0, 3).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('__')).slice(0, 6))));
        expect(m.customer_id, `customer_id mapped (mapping: ${JSON.stringify(m)}; rows: ${sample})`).toBeDefined();
        expect(m.aum, `aum mapped (mapping: ${JSON.stringify(m)}; rows: ${sample})`).toBeDefined();
        const byId = new Map<string, Row>(rows.map((r) => [String(r[m.customer_id!]), r]));
        for (const want of c.values) {
          const got = byId.get(want.customer_id);
          if (got === undefined) {
            expect.soft(got, `customer ${JSON.stringify(want.customer_id)} loaded (ids: ${[...byId.keys()].slice(0, 10).join(', ')})`).toBeDefined();
            continue;
          }
          const aum = got[m.aum!];
          if (want.aum === null) expect.soft(aum, `${want.customer_id} aum: null, never 0`).toBeNull();
          else expect.soft(aum === null ? null : Number(aum), `${want.customer_id} aum`).toBeCloseTo(want.aum, 6);
          if (want.period !== undefined) {
            expect.soft(m.period, 'period mapped').toBeDefined();
            if (m.period) expect.soft(String(got[m.period]), `${want.customer_id} period`).toBe(want.period);
          }
          if (want.customer_name !== undefined) {
            expect.soft(m.customer_name, 'customer_name mapped').toBeDefined();
            if (m.customer_name) expect.soft(got[m.customer_name], `${want.customer_id} name`).toBe(want.customer_name);
          }
        }
      }
    } finally {
      // Back to the already-loaded file alone, then check nothing of it was disturbed.
      await buildDataset(engine, [base]);
      if (file) await dropFileTables(engine, id);
      expect(await snapshot(), 'the already-loaded file and dataset survive').toEqual(baseline);
      const leftovers = toRows(await engine.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%\\_${id}' ESCAPE '\\'`));
      expect(leftovers, 'no tables left behind').toEqual([]);
    }
  });
});
