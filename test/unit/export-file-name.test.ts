import { describe, expect, test } from 'vitest';
import { fileStamp, safeFileName } from '../../src/export/file-name';

describe('safeFileName', () => {
  test('keeps Chinese, adds the extension', () => {
    expect(safeFileName('客户分级结果', 'xlsx')).toBe('客户分级结果.xlsx');
    expect(safeFileName('客户分级结果', '.CSV')).toBe('客户分级结果.csv');
    expect(safeFileName('notebook', '')).toBe('notebook');
  });

  test('replaces path separators and reserved characters, drops control and bidi characters', () => {
    expect(safeFileName('../../etc/passwd', 'csv')).toBe('_.._etc_passwd.csv');
    expect(safeFileName('C:\\Users\\分行', 'csv')).toBe('C__Users_分行.csv');
    expect(safeFileName('a<b>c:"d"|e?f*', 'csv')).toBe('a_b_c__d__e_f_.csv');
    expect(safeFileName('报表\u0000\u0007\n第二行', 'csv')).toBe('报表第二行.csv');
    expect(safeFileName('invoice\u202Egpj.exe', 'csv')).toBe('invoicegpj.exe.csv');
  });

  test('trims dots and spaces, collapses white space, avoids device names and empty names', () => {
    expect(safeFileName('  .hidden  name.  ', 'csv')).toBe('hidden name.csv');
    expect(safeFileName('CON', 'csv')).toBe('_CON.csv');
    expect(safeFileName('nul.backup', 'csv')).toBe('_nul.backup.csv');
    expect(safeFileName('CONTROL', 'csv')).toBe('CONTROL.csv');
    expect(safeFileName('///', 'csv')).toBe('___.csv');
    expect(safeFileName(' \u0001 ', 'csv')).toBe('TierLens.csv');
  });

  test('adds a local YYYYMMDD-HHmm stamp when asked', () => {
    const when = new Date(2025, 0, 31, 9, 5);
    expect(fileStamp(when)).toBe('20250131-0905');
    expect(safeFileName('客户分级', 'xlsx', { stamp: when })).toBe('客户分级_20250131-0905.xlsx');
    expect(safeFileName('客户分级', 'xlsx', { stamp: true })).toMatch(/^客户分级_\d{8}-\d{4}\.xlsx$/);
    expect(safeFileName('客户分级', 'xlsx', { stamp: false })).toBe('客户分级.xlsx');
  });

  test('limits length in UTF-8 bytes without cutting characters', () => {
    const name = safeFileName('分'.repeat(300), 'xlsx', { stamp: new Date(2025, 0, 1) });
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^分+_20250101-0000\.xlsx$/);
  });
});
