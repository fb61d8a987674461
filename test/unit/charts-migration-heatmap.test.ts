import * as echarts from 'echarts';
import { describe, expect, test } from 'vitest';
import { transitionMatrix, type TransitionCell } from '../../src/analysis/migration';
import { escapeHtml } from '../../src/charts/escape';
import { buildMigrationHeatmapOption, moveKind } from '../../src/charts/migration-heatmap';
import { presetById } from '../../src/schemes/presets';
import { tiersOf } from '../../src/schemes/types';
import { normalize, renderSvg } from '../support/chart-snapshot';

const EVIL = '<img src=x onerror=alert(1)>';
const tiers = tiersOf(presetById('retail-aum'));
const ORDER = ['private', 'vip', 'affluent', 'wealth', 'mass', 'unrated'];
// The worked example of migration.test.ts (10 customers, 2025-11 → 2025-12).
const CELLS: TransitionCell[] = [
  { from: 'vip', to: 'vip', customers: 2, amount: 1_200_000 },
  { from: 'vip', to: 'private', customers: 1, amount: 6_000_000 },
  { from: 'affluent', to: 'vip', customers: 1, amount: 600_000 },
  { from: 'affluent', to: 'mass', customers: 1, amount: 30_000 },
  { from: 'mass', to: 'mass', customers: 1, amount: 20_000 },
  { from: 'mass', to: 'unrated', customers: 1, amount: 0 },
  { from: 'wealth', to: '(gone)', customers: 1 },
  { from: '(new)', to: 'mass', customers: 2, amount: 40_000 },
];
const matrix = transitionMatrix(CELLS, ORDER);



type Item = { value: [number, number, number]; itemStyle: { color: string } };
type Formatter = (p: unknown) => string;
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe('migration heatmap', () => {
  const option = buildMigrationHeatmapOption({ matrix, tierOrder: ORDER, tiers, measure: 'count', locale: 'zh-CN', title: '层级迁移 2025-11 → 2025-12', periods: { from: '2025-11-30', to: '2025-12-31' } });
  const data = (option.series as { data: Item[] }[])[0]!.data;
  const cell = (from: string, to: string) => data.find((d) => d.value[0] === matrix.cols.indexOf(to) && d.value[1] === matrix.rows.indexOf(from));

  test('option snapshot', () => {
    expect(normalize(option)).toMatchSnapshot();
  });

  test('axes: from-tiers with 新增 down, to-tiers with 流失 across', () => {
    expect((option.yAxis as { data: string[] }).data).toEqual(['新增', '私人银行', '贵宾', '财富', '理财', '大众', '未评级']);
    expect((option.xAxis as { data: string[] }).data).toEqual(['私人银行', '贵宾', '财富', '理财', '大众', '未评级', '流失']);
    expect((option.yAxis as { name: string }).name).toBe('期初层级 2025-11');
    const en = buildMigrationHeatmapOption({ matrix, tierOrder: ORDER, tiers, measure: 'count', locale: 'en', title: 't' });
    expect((en.yAxis as { data: string[] }).data[0]).toBe('New');
    expect((en.xAxis as { data: string[] }).data.at(-1)).toBe('Gone');
  });

  test('zero cells are left out; every non-zero cell is drawn with its value', () => {
    expect(data).toHaveLength(8);
    expect(data.reduce((s, d) => s + d.value[2], 0)).toBe(10);
    expect(cell('private', 'private')).toBeUndefined();
  });

  test('upgrades are green, downgrades red, stays blue, new/gone grey — each item has its own color', () => {
    const [ur, ug, ub] = rgb(cell('vip', 'private')!.itemStyle.color);
    expect(ug).toBeGreaterThan(ur);
    expect(ug).toBeGreaterThan(ub);
    for (const [from, to] of [['affluent', 'mass'], ['mass', 'unrated']] as const) {
      const [r, g, b] = rgb(cell(from, to)!.itemStyle.color);
      expect(r).toBeGreaterThan(g);
      expect(r).toBeGreaterThan(b);
    }
    const [sr, sg, sb] = rgb(cell('vip', 'vip')!.itemStyle.color);
    expect(sb).toBeGreaterThan(sr);
    expect(sb).toBeGreaterThan(sg);
    for (const [from, to] of [['(new)', 'mass'], ['wealth', '(gone)']] as const) {
      const [r, g, b] = rgb(cell(from, to)!.itemStyle.color);
      expect(Math.max(r, g, b) - Math.min(r, g, b)).toBe(0);
    }
    // Intensity by value: the 2-customer stay is darker than the 1-customer stay.
    expect(rgb(cell('vip', 'vip')!.itemStyle.color)[0]).toBeLessThan(rgb(cell('mass', 'mass')!.itemStyle.color)[0]);
    expect(moveKind('mass', 'unrated', ORDER)).toBe('down');
    expect(moveKind('unrated', 'mass', ORDER)).toBe('up');
  });

  test('row-share and amount measures', () => {
    const share = buildMigrationHeatmapOption({ matrix, tierOrder: ORDER, tiers, measure: 'rowShare', locale: 'zh-CN', title: 't' });
    const s = (share.series as { data: Item[] }[])[0]!.data;
    expect(s.find((d) => d.value[1] === 2 && d.value[0] === 1)!.value[2]).toBeCloseTo(2 / 3, 12);
    const amount = buildMigrationHeatmapOption({ matrix, tierOrder: ORDER, tiers, measure: 'amount', locale: 'zh-CN', title: 't' });
    const a = (amount.series as { data: Item[] }[])[0]!.data;
    // Cells without amount (wealth → gone, mass → unrated) are empty in this measure.
    expect(a).toHaveLength(6);
    expect(Math.max(...a.map((d) => d.value[2]))).toBe(6_000_000);
  });

  test('renders to SVG with labels, cell values and the color legend', () => {
    const svg = renderSvg(option);
    for (const label of ['新增', '流失', '私人银行', '未评级', '期末层级 2025-12', '升级 2', '降级 2', '保持 3', '新增 2', '流失 1']) expect(svg).toContain(label);
    expect(svg).toContain('>2</text>');
    expect(svg).toMatchSnapshot();
    const amountSvg = renderSvg(buildMigrationHeatmapOption({ matrix, tierOrder: ORDER, tiers, measure: 'amount', locale: 'zh-CN', title: 't' }));
    expect(amountSvg).toContain('600万');
  });

  test('tooltip encodes tier labels', () => {
    const evil = tiers.map((t) => (t.id === 'vip' ? { ...t, label: { zh: EVIL, en: EVIL } } : t));
    const o = buildMigrationHeatmapOption({ matrix, tierOrder: ORDER, tiers: evil, measure: 'count', locale: 'zh-CN', title: 't' });
    const fmt = (o.tooltip as { formatter: Formatter }).formatter;
    const all = data.map((_, i) => fmt({ dataIndex: i, componentType: 'series' })).join('\n');
    expect(all).not.toContain('<img');
    expect(all).toContain(`${escapeHtml(EVIL)} → 私人银行`);
    expect(all).toContain('占期初该层: 33.3%');
  });
});
