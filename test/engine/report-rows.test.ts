/**
 * Reports as office suites write them (test/fixtures/reports, made by
 * scripts/make-report-fixtures.ts): title rows above the header, 小计 rows after each branch, a
 * blank row, a 合计 row and a footnote. Exactly the customers load, on both engines, through the
 * browser's ingest and through the command line; every row left out is listed with its line,
 * and the user can take any of them back in.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Workspace } from '../../src/app/workspace';
import { toRows } from '../../src/engine/rows';
import type { Engine } from '../../src/engine/types';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { loadFile, remapFile, type LoadedFile } from '../../src/ingest/load';
import { isNoteText, isSummaryText, noteSql, summarySql } from '../../src/ingest/left-out';
import { presetById } from '../../src/schemes/presets';
import { str } from '../../src/sql/quote';
import { ENGINES } from '../support/engines';

const DIR = 'test/fixtures/reports';
interface Expected {
  branchReport: { customers: { customer_id: string; name: string; aum: number }[]; headerLine: number; leftOut: { line: number; kind: string; text?: string }[] };
  twoSheets: { sheet: string; customers: string[] };
}
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Expected;
const CUSTOMERS = EXPECTED.branchReport.customers;
const bytesOf = (file: string) => new Uint8Array(readFileSync(join(DIR, file)));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe.each(ENGINES)('rows that are not customers, on %s', (_name, open) => {
  let engine: Engine;
  let n = 0;
  const load = (name: string, bytes: Uint8Array, include?: number[]) => loadFile(engine, `r${++n}`, { name, bytes }, { include });
  const ids = async (f: LoadedFile) => toRows(await engine.query(`SELECT "${f.mapping.mapping.customer_id}" AS id FROM ${f.typed.table} ORDER BY __rec`)).map((r) => r.id);
  const leftOut = (f: LoadedFile) => (f.report.leftOut ?? []).map((r) => ({ line: r.line, kind: r.kind, text: r.text }));
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(() => engine.close());

  test.each(['branch_report.xlsx', 'branch_report_gbk.csv'])('%s: exactly the 40 customers; totals, subtotals and the note listed with their lines', async (file) => {
    const f = await load(file, bytesOf(file));
    expect(f.report.rows).toBe(40);
    expect(await ids(f)).toEqual(CUSTOMERS.map((c) => c.customer_id));
    const aum = toRows(await engine.query(`SELECT sum("月日均AUM(元)") AS s, max("月日均AUM(元)") AS m FROM ${f.typed.table}`))[0]!;
    expect(Number(aum.s)).toBeCloseTo(CUSTOMERS.reduce((a, c) => a + c.aum, 0), 2);
    expect(Number(aum.m)).toBe(Math.max(...CUSTOMERS.map((c) => c.aum)));
    expect(leftOut(f)).toEqual(EXPECTED.branchReport.leftOut);
    expect(f.report.leftOutCount).toBe(5);
    // The title rows are reported, and the customers' lines are the file's own.
    expect(f.report.problems).toEqual([expect.objectContaining({ line: 3, code: file.endsWith('.csv') ? 'csvTitleRows' : 'xlsxTitleRows' })]);
    expect(f.staging.lineOf(0)).toBe(4);
    const names = toRows(await engine.query(`SELECT "客户名称" AS n FROM ${f.typed.table}`)).map((r) => r.n);
    for (const kept of ['杭州汇总贸易有限公司', '合计科技有限公司', 'Total Solutions Ltd']) expect(names).toContain(kept);
  });

  test('a left-out row taken back in is a row again, and can be left out again', async () => {
    const f = await load('branch_report_gbk.csv', bytesOf('branch_report_gbk.csv'));
    const total = f.report.leftOut!.find((r) => r.line === 48)!;
    const back = await remapFile(engine, f, f.mapping, [total.rec]);
    expect(back.report.rows).toBe(41);
    expect(back.include).toEqual([total.rec]);
    expect(back.report.leftOut!.find((r) => r.rec === total.rec)).toMatchObject({ included: true, line: 48 });
    // The mapping changes; the choice stays with the file.
    const remapped = await remapFile(engine, back, back.mapping);
    expect(remapped.report.rows).toBe(41);
    const again = await remapFile(engine, back, back.mapping, []);
    expect(again.report.rows).toBe(40);
    // A load with the choice given takes it back in from the start.
    expect((await load('branch_report_gbk.csv', bytesOf('branch_report_gbk.csv'), [total.rec])).report.rows).toBe(41);
  });

  test('rows without an id are left out and listed; a subtotal without a keyword is found by its amount', async () => {
    const csv = [
      '客户号,客户名称,所属支行,月日均AUM(元)',
      'A1,张一,西湖,100',
      'A2,张二,西湖,250.5',
      'A3,张三,西湖,350.5', // equals the sum of the two above, but has a name: a customer
      ',,西湖,701', // no id, amount = sum of the three above: a subtotal
      ',王五,滨江,20', // no id: left out as such
      'B1,李一,滨江,10',
      'B2,,滨江,30',
      'B3,李三,滨江,5',
      'B9,,滨江,45', // id but no name, amount = sum of the customers since the subtotal: a subtotal
      ',,,',
      'Z,,,746', // the grand total by amount: all customers above
      '',
    ].join('\n');
    const f = await load('sums.csv', utf8(csv));
    expect(await ids(f)).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3']);
    expect((f.report.leftOut ?? []).map((r) => [r.line, r.kind, r.sumOf])).toEqual([
      [5, 'summary', 3],
      [6, 'no-id', undefined],
      [10, 'summary', 3],
      [12, 'summary', 6],
    ]);
    // The blank row is left out without a listing.
    expect(f.report.leftOutCount).toBe(4);
  });

  test('a note in the middle of the data is a customer; after the last customer it is a note', async () => {
    const csv = ['客户号,客户名称,月日均AUM(元)', '说明：甲,张一,100', 'A2,张二,200', '注：金额单位为元,,', '数据来源：核心系统,,', ''].join('\n');
    const f = await load('notes.csv', utf8(csv));
    expect(await ids(f)).toEqual(['说明：甲', 'A2']);
    expect(leftOut(f)).toEqual([
      { line: 4, kind: 'note', text: '注：金额单位为元' },
      { line: 5, kind: 'note', text: '数据来源：核心系统' },
    ]);
  });

  test('thousands of note lines after the last customer are all notes (the end of the file is searched wider)', async () => {
    const notes = Array.from({ length: 6_000 }, (_, i) => `注${i + 1}：口径说明,,`);
    const csv = ['客户号,客户名称,月日均AUM(元)', '说明：甲,张一,100', 'A2,张二,200', ...notes, ''].join('\n');
    const f = await load('long-notes.csv', utf8(csv));
    expect(await ids(f)).toEqual(['说明：甲', 'A2']);
    expect(f.report.leftOutCount).toBe(6_000);
    expect((f.report.leftOut ?? [])[0]).toEqual(expect.objectContaining({ line: 4, kind: 'note', text: '注1：口径说明' }));
  });

  test('the summary keyword in the id cell, or a text cell of a row with a real id', async () => {
    const csv = ['客户号,客户名称,所属支行,月日均AUM(元)', 'A1,张一,西湖,100', 'A2,小计,西湖,100', '合计,,,200', 'Total:,,,200', ''].join('\n');
    const f = await load('ids.csv', utf8(csv));
    // `小计` as the name of a row with an id is kept: the id must be empty or the keyword.
    expect(await ids(f)).toEqual(['A1', 'A2']);
    expect(leftOut(f)).toEqual([
      { line: 4, kind: 'summary', text: '合计' },
      { line: 5, kind: 'summary', text: 'Total:' },
    ]);
  });

  test('JSON, NDJSON and Arrow are cleaned the same way (after staging)', async () => {
    const records = [
      { 客户号: 'A1', 月日均AUM: 100 },
      { 客户号: 'A2', 月日均AUM: 200 },
      { 客户号: '', 所属支行: '合计', 月日均AUM: 300 },
    ];
    const json = await load('r.json', utf8(JSON.stringify(records)));
    expect(await ids(json)).toEqual(['A1', 'A2']);
    expect(leftOut(json)).toEqual([{ line: undefined, kind: 'summary', text: '合计' }]);
    const nd = await load('r.ndjson', utf8(records.map((r) => JSON.stringify(r)).join('\n')));
    expect(leftOut(nd)).toEqual([{ line: 3, kind: 'summary', text: '合计' }]);
    const arrow = tableToIPC(tableFromArrays({ 客户号: ['A1', 'A2', '总计'], 月日均AUM: Float64Array.from([1, 2, 3]) }), 'stream');
    const a = await load('r.arrow', arrow);
    expect(await ids(a)).toEqual(['A1', 'A2']);
    expect(leftOut(a)).toEqual([{ line: undefined, kind: 'summary', text: '总计' }]);
  });

  test('a clean file leaves nothing out and reads the staging table whole', async () => {
    const f = await load('clean.csv', utf8('客户号,月日均AUM(元)\nA1,1\nA2,2\n'));
    expect(f.report.leftOut).toEqual([]);
    expect(f.report.leftOutCount).toBe(0);
    expect(f.report.rows).toBe(2);
  });

  test('two sheets: the customers sheet is chosen and named; #Sheet overrides; no clear choice says so', async () => {
    const f = await load('two_sheets.xlsx', bytesOf('two_sheets.xlsx'));
    expect(f.report.sheet).toBe('明细');
    expect(await ids(f)).toEqual(EXPECTED.twoSheets.customers);
    expect(f.report.problems).toEqual([expect.objectContaining({ code: 'xlsxSheetChosen', message: 'sheet "明细" was read (its columns have a customer id); other sheets: 汇总' })]);
    expect(f.report.sheets).toEqual([
      { name: '汇总', headers: ['支行', '客户数', 'AUM合计(元)'], fits: false },
      { name: '明细', headers: ['客户号', '客户名称', '所属支行', '月日均AUM(元)', '数据日期'], fits: true },
    ]);
    const summary = await load('two_sheets.xlsx#汇总', bytesOf('two_sheets.xlsx'));
    expect(summary.report.sheet).toBe('汇总');
    expect(summary.mapping.mapping.customer_id).toBeUndefined();
    // Two sheets of customers: the first is read, and the report says the choice is not clear.
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['客户号', '月日均AUM(元)'], ['A1', 1]]), '一月');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['客户号', '月日均AUM(元)'], ['B1', 2]]), '二月');
    const both = await load('both.xlsx', new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
    expect(both.report.sheet).toBe('一月');
    expect(both.report.problems).toEqual([expect.objectContaining({ code: 'xlsxSheetUnclear' })]);
  });

  test('the SQL recognizer agrees with its TypeScript twin', async () => {
    const cells = ['合计', '合 计', '合计（元）', '西湖支行小计', 'Grand total', 'Total Solutions Ltd', '杭州汇总贸易有限公司', '注：单位元', '说明书印刷厂', 'Note: x', '张伟', '中汇总部', 'TOTAL', 'tOtAl:', 'Sub-Total', ' 合计', '\u3000注：口径', '\t备注', '※：x', '*：y', 'note', 'Source: core', 'N/A', ''];
    const rows = toRows(await engine.query(`SELECT c, ${summarySql('c')} AS s, ${noteSql('c')} AS n FROM (SELECT unnest([${cells.map(str).join(', ')}]) AS c)`));
    for (const r of rows) {
      expect(Boolean(r.s), `summary ${r.c}`).toBe(isSummaryText(String(r.c)));
      expect(Boolean(r.n), `note ${r.c}`).toBe(isNoteText(String(r.c)));
    }
  });
});

describe('workspace: take a row back in, read another sheet', () => {
  test('includeRow re-types the file and keeps the choice; chooseSheet re-reads the workbook', async () => {
    const ws = new Workspace(openWasmNodeEngine());
    await ws.addFiles([{ name: 'branch_report.xlsx', bytes: bytesOf('branch_report.xlsx') }]);
    const scheme = presetById('retail-aum');
    const tiers = async () => Object.fromEntries((await ws.analyst.tiers(scheme, ws.getState().dataset!.periods.at(-1) ?? null)).counts.map((c) => [c.tier, c.customers]));
    expect(ws.getState().dataset?.rows).toBe(40);
    const before = await tiers();
    expect(Object.values(before).reduce((a, b) => a + b, 0)).toBe(40);
    const file = ws.getState().files[0]!;
    const total = file.report.leftOut!.find((r) => r.line === 48)!;
    await ws.includeRow(file.id, total.rec, true);
    expect(ws.getState().dataset?.rows).toBe(41);
    // The 合计 row taken back in has no id: it is counted, as the user asked.
    await ws.remap(file.id, '客户名称', null);
    expect(ws.getState().dataset?.rows).toBe(41);
    await ws.includeRow(file.id, total.rec, false);
    expect(ws.getState().dataset?.rows).toBe(40);

    await ws.addFiles([{ name: 'two_sheets.xlsx', bytes: bytesOf('two_sheets.xlsx') }]);
    const book = ws.getState().files[1]!;
    expect(book.report.sheet).toBe('明细');
    await ws.chooseSheet(book.id, '汇总');
    expect(ws.getState().files.map((f) => f.name)).toEqual(['branch_report.xlsx', 'two_sheets.xlsx#汇总']);
    await ws.chooseSheet(ws.getState().files[1]!.id, '明细');
    expect(ws.getState().files[1]!.report.rows).toBe(10);
    expect(ws.getState().failures).toEqual([]);
  });
});

/** Runs the command line exactly as cli.md documents it (`npm run -s tierlens -- …`). */
function tierlens(...args: string[]) {
  const r = spawnSync('npm', ['run', '-s', 'tierlens', '--', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')).join('\n') };
}

describe('command line on office reports', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tierlens-report-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(['branch_report.xlsx', 'branch_report_gbk.csv'])('%s: exactly the customers, each left-out row a warning with its line', (file) => {
    const out = join(dir, `${file}.csv`);
    const r = tierlens('apply', '--scheme', 'retail-aum', '--input', join(DIR, file), '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(CUSTOMERS.map((c) => c.customer_id).sort());
    expect(lines.some((l) => /,private,/.test(l))).toBe(true);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    for (const row of EXPECTED.branchReport.leftOut) expect(warnings.some((w) => w.startsWith(`warning: ${file}, line ${row.line}: `) && w.includes(row.text ?? ''))).toBe(true);
    expect(warnings.filter((w) => /left out/.test(w))).toHaveLength(5);
    expect(r.stderr).toMatch(new RegExp(`warning: ${file.replace('.', '\\.')}, line 3: (rows|lines) 1–2 above the header`));
    expect(r.stderr).toMatch(/retail-aum: 40 rows written/);
  });

  test('two sheets: the customers sheet is read with a warning; #Sheet overrides', () => {
    const out = join(dir, 'two.csv');
    const r = tierlens('apply', '--scheme', 'retail-aum', '--input', join(DIR, 'two_sheets.xlsx'), '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: two_sheets\.xlsx: sheet "明细" was read .*other sheets: 汇总/);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(11);
    const summary = tierlens('apply', '--scheme', 'retail-aum', '--input', `${join(DIR, 'two_sheets.xlsx')}#汇总`, '--out', join(dir, 'sum.csv'));
    expect(summary.status).toBe(1);
    expect(summary.stderr).toMatch(/missing required field "customer_id"/);
  });
});
