import * as XLSX from '@e965/xlsx';
import { describe, expect, test } from 'vitest';
import { psi } from '../../src/analysis/psi';
import { tableOf } from '../../src/views/table';
import { toCsv } from '../../src/export/csv';
import { toXlsx } from '../../src/export/xlsx';
import { formatNumber } from '../../src/i18n/format';
import { presetById } from '../../src/schemes/presets';
import { tiersOf } from '../../src/schemes/types';

const tiers = tiersOf(presetById('retail-aum'));
const counts = [
  { tier: 'private', customers: 140, amount: 1.388e9 },
  { tier: 'vip', customers: 1836, amount: 4_999_999.99 },
  { tier: 'mass', customers: 10909, amount: 1.7e8 },
];
const tiersModel = { view: 'tiers' as const, period: '2025-12', counts, warnings: [], amountField: 'aum' };
const nearModel = { view: 'near' as const, period: '2025-12', rows: [{ customer_id: 'C1', period: '2025-12', tier: 'vip', near_tier: 'private', value: 4_999_999.99, gap: 0.01 }] };

describe('table headers name their unit', () => {
  test('tiers: share in %, amount in 元 / yuan', () => {
    const zh = tableOf(tiersModel, tiers, 'zh-CN')!;
    expect(zh.columns).toEqual(['层级', '层级代码', '客户数', '占比（%）', '金额（元）']);
    expect(zh.formats).toEqual({ '占比（%）': 'share', '金额（元）': 'amount' });
    expect(tableOf(tiersModel, tiers, 'en')!.columns).toEqual(['Tier', 'Tier id', 'Customers', 'Share (%)', 'Amount (yuan)']);
  });

  test('near-threshold list: value and gap in the metric unit (yuan by default, none for points)', () => {
    expect(tableOf(nearModel, tiers, 'zh-CN')!.columns.slice(4)).toEqual(['当前值（元）', '距门槛差额（元）']);
    expect(tableOf(nearModel, tiers, 'en')!.columns.slice(4)).toEqual(['Value (yuan)', 'Gap to bound (yuan)']);
    const points = tableOf(nearModel, tiers, 'zh-CN', 'none')!;
    expect(points.columns.slice(4)).toEqual(['当前值', '距门槛差额']);
    expect(points.formats).toEqual({});
  });

  test('every amount or share column of every table names 元/yuan or %', () => {
    const psiModel = { view: 'psi' as const, from: 'a', to: 'b', result: psi({ private: 100, vip: 200 }, { private: 100, vip: 201 }, { tiers: ['private', 'vip'] }) };
    const branchModel = { view: 'tier-by-branch' as const, period: null, rows: [{ branch: '一支行', tier: 'vip', customers: 3, amount: 12.5 }] };
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const model of [tiersModel, nearModel, psiModel, branchModel]) {
        const table = tableOf(model, tiers, locale)!;
        for (const [column, format] of Object.entries(table.formats ?? {})) {
          expect(table.columns).toContain(column);
          expect(column).toMatch(format === 'share' ? /[（(]%[）)]$/ : /[（(](元|yuan)[）)]$/);
        }
      }
    }
  });

  test('a tiny PSI contribution reads non-zero in the table', () => {
    const model = { view: 'psi' as const, from: 'a', to: 'b', result: psi({ private: 10000, vip: 10000 }, { private: 10000, vip: 10002 }, { tiers: ['private', 'vip'] }) };
    const table = tableOf(model, tiers, 'zh-CN')!;
    const contributions = table.rows.map((r) => r['PSI贡献'] as number);
    expect(contributions.every((c) => c > 0 && c < 1e-4)).toBe(true);
    // Table cells without a format are shown by formatNumber.
    for (const c of contributions) expect(formatNumber(c)).not.toMatch(/^0(\.0*)?$/);
  });
});

describe('XLSX number formats follow the table formats', () => {
  const table = tableOf(tiersModel, tiers, 'zh-CN')!;
  const bytes = toXlsx([{ name: '分层', columns: table.columns, rows: table.rows, formats: table.formats }]);
  const ws = XLSX.read(bytes, { type: 'array', cellNF: true }).Sheets['分层']!;

  test('share cells hold the fraction with a 0.0% format', () => {
    expect(ws['D2']).toMatchObject({ t: 'n', v: 140 / 12885, z: '0.0%' });
    expect(XLSX.utils.format_cell(ws['D2']!)).toBe('1.1%');
  });

  test('amount cells are numbers with a number format (and keep their cents)', () => {
    expect(ws['E3']).toMatchObject({ t: 'n', v: 4_999_999.99, z: '#,##0.00' });
    expect(XLSX.utils.format_cell(ws['E3']!)).toBe('4,999,999.99');
  });

  test('columns without a format, and text cells, are left as they were', () => {
    expect(ws['C2']).toMatchObject({ t: 'n', v: 140 });
    expect(ws['C2']!.z === undefined || ws['C2']!.z === 'General').toBe(true);
    expect(ws['A2']).toMatchObject({ t: 's', v: '私人银行' });
  });
});

describe('CSV share columns', () => {
  const table = tableOf(tiersModel, tiers, 'zh-CN')!;
  const lines = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\ufeff/, '').split('\r\n');

  test('with the formats, a share column under a % header is written in percent', () => {
    const [header, first] = lines(toCsv(table.columns, table.rows, { formats: table.formats }));
    expect(header).toBe('层级,层级代码,客户数,占比（%）,金额（元）');
    expect(first).toBe(`私人银行,private,140,${Number(((140 / 12885) * 100).toPrecision(15))},1388000000`);
  });

  test('0.123 is 12.3, without float noise', () => {
    const [, row] = lines(toCsv(['s'], [{ s: 0.123 }], { formats: { s: 'share' } }));
    expect(row).toBe('12.3');
  });
});
