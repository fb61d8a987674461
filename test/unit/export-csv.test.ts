import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, test } from 'vitest';
import type { Row } from '../../src/engine/rows';
import { parseFlagText, parseNumberText } from '../../src/ingest/values';
import { csvField, guardFormula, toCsv } from '../../src/export/csv';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const text = (bytes: Uint8Array) => decoder.decode(bytes);

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function parseCsv(input: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < input.length) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') (field += '"'), (i += 2);
      else if (ch === '"') (quoted = false), i++;
      else (field += ch), i++;
    } else if (ch === '"' && field === '') (quoted = true), i++;
    else if (ch === ',') record.push(field), (field = ''), i++;
    else if (ch === '\r' && input[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), (i += 2);
    else if (ch === '\r' || ch === '\n') throw new Error(`bare line break at ${i}`);
    else (field += ch), i++;
  }
  if (field !== '' || record.length > 0) throw new Error('last record not terminated by CRLF');
  return records;
}

const columns = ['客户号', '客户名称', '金融资产', '是否代发', '开户日期', '备注'];
const rows: Row[] = [
  { 客户号: 'C0001', 客户名称: '张三', 金融资产: 500000, 是否代发: true, 开户日期: '2024-03-15', 备注: '含,逗号' },
  { 客户号: 'C0002', 客户名称: '李四（VIP）', 金融资产: -1234.5, 是否代发: false, 开户日期: '2023-12-01', 备注: '他说"好"\r\n第二行' },
  { 客户号: 'C0003', 客户名称: '王五', 金融资产: 0.1 + 0.2, 是否代发: null, 开户日期: null, 备注: '=HYPERLINK("http://x","点我")' },
  { 客户号: 'C0004', 客户名称: '  前后空格  ', 金融资产: 123456789012.34, 是否代发: true, 开户日期: '2025-01-31', 备注: '' },
];

describe('toCsv', () => {
  test('starts with a UTF-8 BOM by default and can leave it out', () => {
    const withBom = toCsv(columns, rows);
    expect([...withBom.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const without = toCsv(columns, rows, { bom: false });
    expect(without[0]).not.toBe(0xef);
    expect(withBom.slice(3)).toEqual(without);
  });

  test('uses CRLF line endings, ends with CRLF, and keeps Chinese intact', () => {
    const out = text(toCsv(columns, rows, { bom: false }));
    expect(out.startsWith('客户号,客户名称,金融资产,是否代发,开户日期,备注\r\n')).toBe(true);
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/); // no bare CR or LF anywhere
    expect(out).toContain('李四（VIP）');
  });

  test('round-trips through an RFC 4180 parser', () => {
    const parsed = parseCsv(text(toCsv(columns, rows, { bom: false })));
    expect(parsed).toEqual([
      columns,
      ['C0001', '张三', '500000', 'true', '2024-03-15', '含,逗号'],
      ['C0002', '李四（VIP）', '-1234.5', 'false', '2023-12-01', '他说"好"\r\n第二行'],
      ['C0003', '王五', '0.30000000000000004', '', '', `'=HYPERLINK("http://x","点我")`],
      ['C0004', '  前后空格  ', '123456789012.34', 'true', '2025-01-31', ''],
    ]);
  });

  test('numbers in full precision without separators; typed negatives are not guarded', () => {
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(1234567.891)).toBe('1234567.891');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(-0)).toBe('0');
    expect(csvField(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
    expect(csvField(12345678901234567890n)).toBe('12345678901234567890');
    expect(Number(csvField(Math.PI))).toBe(Math.PI);
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
    // What we write reads back through our own ingest rules.
    expect(parseNumberText(csvField(-1234.5))).toEqual({ kind: 'value', value: -1234.5 });
  });

  test('booleans as true/false (readable by parseFlagText), null as empty, empty text as ""', () => {
    expect(csvField(true)).toBe('true');
    expect(csvField(false)).toBe('false');
    expect(parseFlagText(csvField(true))).toEqual({ kind: 'value', value: true });
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('""');
  });

  test('dates as YYYY-MM-DD', () => {
    expect(csvField(new Date(Date.UTC(2025, 0, 31)))).toBe('2025-01-31');
    expect(csvField(new Date(Date.UTC(2025, 0, 31, 9, 5, 7)))).toBe('2025-01-31 09:05:07');
    expect(csvField(new Date(Number.NaN))).toBe('');
    expect(csvField('2025-01-31')).toBe('2025-01-31');
  });

  test('formula-injection guard on text cells and column names', () => {
    for (const attack of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=cmd|\' /C calc\'!A0']) {
      const field = csvField(attack);
      const [[value]] = parseCsv(`${field}\r\n`) as [[string]];
      expect(value).toBe(`'${attack}`);
      expect(guardFormula(attack)).toBe(`'${attack}`);
    }
    for (const harmless of ['客户', 'a=b', ' =1', "'quoted", '1-2', '']) expect(guardFormula(harmless)).toBe(harmless);
    const out = parseCsv(text(toCsv(['=危险', '-列'], [{ '=危险': '@x', '-列': -3 }], { bom: false })));
    expect(out).toEqual([
      ["'=危险", "'-列"],
      ["'@x", '-3'],
    ]);
  });

  test('missing keys are empty; header only for no rows', () => {
    expect(text(toCsv(['a', 'b'], [{ a: 1 }], { bom: false }))).toBe('a,b\r\n1,\r\n');
    expect(text(toCsv(['a', 'b'], [], { bom: false }))).toBe('a,b\r\n');
  });

  test('large exports are encoded in batches without losing lines', () => {
    const many: Row[] = Array.from({ length: 10_001 }, (_, i) => ({ id: i, 名称: `客户${i}` }));
    const parsed = parseCsv(text(toCsv(['id', '名称'], many)).replace(/^\ufeff/, ''));
    expect(parsed).toHaveLength(10_002);
    expect(parsed[10_001]).toEqual(['10000', '客户10000']);
  });
});

describe('toCsv read by DuckDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierlens-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('BOM skipped, types detected, values and Chinese intact', async () => {
    const file = join(dir, '客户.csv');
    writeFileSync(file, toCsv(columns, rows));
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      const read = `read_csv('${file.replaceAll("'", "''")}', header = true)`;
      const types = (await c.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${read})`)).getRowObjectsJS();
      expect(Object.fromEntries(types.map((t) => [t['column_name'], t['column_type']]))).toMatchObject({
        客户号: 'VARCHAR',
        金融资产: 'DOUBLE',
        是否代发: 'BOOLEAN',
        开户日期: 'DATE',
      });
      const got = (await c.runAndReadAll(`SELECT 客户名称, 金融资产, 是否代发, CAST(开户日期 AS VARCHAR) AS d, 备注 FROM ${read} ORDER BY 客户号`)).getRowObjectsJS();
      expect(got.map((r) => r['客户名称'])).toEqual(['张三', '李四（VIP）', '王五', '  前后空格  ']);
      expect(got.map((r) => r['金融资产'])).toEqual([500000, -1234.5, 0.1 + 0.2, 123456789012.34]);
      expect(got.map((r) => r['是否代发'])).toEqual([true, false, null, true]);
      expect(got.map((r) => r['d'])).toEqual(['2024-03-15', '2023-12-01', null, '2025-01-31']);
      expect(got[1]?.['备注']).toBe('他说"好"\r\n第二行');
    } finally {
      c.closeSync();
    }
  }, 30_000);
});
