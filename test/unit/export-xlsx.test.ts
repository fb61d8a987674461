import * as XLSX from '@e965/xlsx';
import { describe, expect, test } from 'vitest';
import type { Row } from '../../src/engine/rows';
import { XLSX_MAX_CELL_CHARS, sanitizeSheetName, toXlsx } from '../../src/export/xlsx';

const read = (bytes: Uint8Array) => XLSX.read(bytes, { type: 'array', cellFormula: true, cellDates: true, cellNF: true, cellStyles: true });

function sheetXml(bytes: Uint8Array, n: number): string {
  const zip = XLSX.CFB.read(bytes, { type: 'array' });
  const i = zip.FullPaths.findIndex((p: string) => p.endsWith(`xl/worksheets/sheet${n}.xml`));
  return new TextDecoder().decode(zip.FileIndex[i]!.content as Uint8Array);
}

const columns = ['客户号', '客户名称', '金融资产', '是否代发', '备注'];
const rows: Row[] = [
  { 客户号: 'C0001', 客户名称: '张三', 金融资产: 500000, 是否代发: true, 备注: '=1+1' },
  { 客户号: 'C0002', 客户名称: '李四（VIP）', 金融资产: -1234.5, 是否代发: false, 备注: '@SUM(A1:A2)' },
  { 客户号: 'C0003', 客户名称: '王五', 金融资产: 0.1 + 0.2, 是否代发: null, 备注: '-2+3' },
  { 客户号: 'C0004', 客户名称: '赵六', 金融资产: Number.NaN, 备注: '_x0041_ 与控制符\u0001' },
];

describe('toXlsx', () => {
  const bytes = toXlsx([
    { name: '客户明细', columns, rows },
    { name: '汇总', columns: ['层级', '户数'], rows: [{ 层级: '私行', 户数: 12 }] },
  ]);
  const wb = read(bytes);
  const ws = wb.Sheets['客户明细']!;

  test('is a zip (xlsx) with the sheets in order', () => {
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    expect(wb.SheetNames).toEqual(['客户明细', '汇总']);
    expect(ws['!ref']).toBe('A1:E5');
  });

  test('header row, Chinese intact, numbers as numbers, booleans as booleans', () => {
    expect(XLSX.utils.sheet_to_json(ws, { header: 1 })[0]).toEqual(columns);
    expect(ws['B3']).toMatchObject({ t: 's', v: '李四（VIP）' });
    expect(ws['C2']).toMatchObject({ t: 'n', v: 500000 });
    expect(ws['C3']).toMatchObject({ t: 'n', v: -1234.5 });
    expect(ws['C4']).toMatchObject({ t: 'n', v: 0.30000000000000004 });
    expect(ws['D2']).toMatchObject({ t: 'b', v: true });
    expect(ws['D3']).toMatchObject({ t: 'b', v: false });
    expect(ws['D4']).toBeUndefined(); // null → empty
    expect(ws['C5']).toBeUndefined(); // NaN → empty, not #NUM!
    expect(wb.Sheets['汇总']!['B2']).toMatchObject({ t: 'n', v: 12 });
  });

  test('text that looks like a formula stays a string cell', () => {
    for (const ref of ['E2', 'E3', 'E4']) {
      expect(ws[ref]?.t).toBe('s');
      expect(ws[ref]?.f).toBeUndefined();
    }
    expect(ws['E2']?.v).toBe('=1+1');
    expect(ws['E3']?.v).toBe('@SUM(A1:A2)');
    expect(sheetXml(bytes, 1)).not.toContain('<f>');
  });

  test('OOXML escapes survive: literal _x0041_ and control characters', () => {
    expect(ws['E5']?.v).toBe('_x0041_ 与控制符\u0001');
  });

  test('column widths fitted (Chinese counts double) and the header has an autofilter', () => {
    const cols = ws['!cols']!;
    expect(cols).toHaveLength(columns.length);
    const wch = cols.map((c) => c.wch ?? 0);
    expect(wch[1]).toBeGreaterThanOrEqual(12); // 李四（VIP） is 11 columns wide
    expect(wch.every((w) => w >= 6 && w <= 60)).toBe(true);
    expect(ws['!autofilter']?.ref).toBe('A1:E5');
  });

  test('dates, bigints and over-long text', () => {
    const b = toXlsx([
      {
        name: 'x',
        columns: ['d', 't', 'big', 'small', 'long'],
        rows: [{ d: new Date(Date.UTC(2025, 0, 31)), t: new Date(Date.UTC(2025, 0, 31, 12)), big: 12345678901234567890n, small: 42n, long: '长'.repeat(40_000) }],
      },
    ]);
    const s = read(b).Sheets['x']!;
    expect(s['A2']?.z).toBe('yyyy-mm-dd');
    expect((s['A2']?.v as Date).toISOString()).toBe('2025-01-31T00:00:00.000Z');
    expect(s['B2']?.z).toBe('yyyy-mm-dd hh:mm:ss');
    const raw = XLSX.read(b, { type: 'array' }).Sheets['x']!;
    expect(raw['A2']).toMatchObject({ t: 'n', v: 45688 }); // Excel serial of 2025-01-31
    expect(raw['B2']?.v).toBeCloseTo(45688.5, 9);
    expect(s['C2']).toMatchObject({ t: 's', v: '12345678901234567890' });
    expect(s['D2']).toMatchObject({ t: 'n', v: 42 });
    expect(String(s['E2']?.v)).toHaveLength(XLSX_MAX_CELL_CHARS);
    expect(String(s['E2']?.v).endsWith('…')).toBe(true);
  });

  test('sheet names are sanitized and made unique', () => {
    const b = toXlsx([
      { name: '2025/01: 客户[明细]*?\\', columns: ['a'], rows: [] },
      { name: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五', columns: ['a'], rows: [] },
      { name: 'Sheet', columns: ['a'], rows: [] },
      { name: 'sheet', columns: ['a'], rows: [] },
      { name: '', columns: ['a'], rows: [] },
      { name: "'引号'", columns: ['a'], rows: [] },
      { name: 'History', columns: ['a'], rows: [] },
    ]);
    const names = read(b).SheetNames;
    expect(names).toEqual(['2025_01_ 客户_明细____', '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一', 'Sheet', 'sheet (2)', 'Sheet (3)', '引号', 'History_']);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  test('sanitizeSheetName keeps surrogate pairs whole and suffixes within 31 characters', () => {
    const emoji = '😀'.repeat(20); // 40 UTF-16 units
    const name = sanitizeSheetName(emoji);
    expect(name).toBe('😀'.repeat(15));
    const taken = new Set(['x'.repeat(31)]);
    expect(sanitizeSheetName('X'.repeat(40), taken)).toBe(`${'X'.repeat(27)} (2)`);
    expect(taken.size).toBe(2);
  });

  test('refuses an empty workbook and sheets beyond Excel limits', () => {
    expect(() => toXlsx([])).toThrow(RangeError);
    expect(() => toXlsx([{ name: 'wide', columns: Array.from({ length: 16_385 }, (_, i) => `c${i}`), rows: [] }])).toThrow(/16384 columns|Excel allows/);
  });
});
