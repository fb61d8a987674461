import { describe, expect, test } from 'vitest';
import { compareSegments } from '../../src/analysis/segments';
import { escapeHtml } from '../../src/charts/escape';
import { buildSegmentsOption, segmentOfSeriesId, segmentSeriesId } from '../../src/charts/segments';
import { presetById } from '../../src/schemes/presets';
import { tiersOf } from '../../src/schemes/types';
import { normalize, renderSvg } from '../support/chart-snapshot';

const EVIL = '<img src=x onerror=alert(1)>';
const tiers = tiersOf(presetById('retail-aum'));
const ORDER = tiers.map((t) => t.id);
const counts: Record<string, number[]> = {
  杭州西湖支行: [20, 260, 600, 420, 1620, 0],
  杭州上城支行: [14, 200, 430, 270, 1074, 0],
  [EVIL]: [2, 20, 60, 40, 600, 0],
};
const rows = Object.entries(counts).flatMap(([group, c]) => c.map((customers, i) => ({ group, tier: ORDER[i]!, customers })));
type Series = { id: string; name: string; stack: string; xAxisIndex: number; itemStyle: { color: string }; data: (number | '-')[] };
type Formatter = (p: unknown) => string;

describe('segments side by side', () => {
  const comparison = compareSegments(rows, ORDER);
  const option = buildSegmentsOption({ comparison, tiers, valueText: (v) => v ?? '（空）', locale: 'zh-CN', title: '客群对比 · 机构 · 2025-12', height: 440 });
  const series = option.series as Series[];

  test('option snapshot', () => {
    expect(normalize(option)).toMatchSnapshot();
  });

  test('one panel per segment after the whole; each bar a tier share in the tier colour, tiers without customers left out', () => {
    expect((option.grid as unknown[]).length).toBe(4);
    // Unrated has no customer anywhere: five tiers per panel.
    expect(series.length).toBe(4 * 5);
    const whole = series.filter((s) => s.xAxisIndex === 0);
    expect(whole.map((s) => s.name)).toEqual(['私人银行', '贵宾', '财富', '理财', '大众']);
    expect(whole.map((s) => s.itemStyle.color)).toEqual(tiers.slice(0, 5).map((t) => t.color));
    const total = Object.values(counts).flat().reduce((a, b) => a + b, 0);
    expect(whole[1]!.data).toEqual(['-', (260 + 200 + 20) / total, '-', '-', '-']);
    // Every panel on one share axis, up to the next 10 % above the largest share.
    const axes = option.yAxis as { max: number }[];
    expect(new Set(axes.map((a) => a.max))).toEqual(new Set([0.9]));
  });

  test('a bar says which panel and tier it is, for the click that lists its customers', () => {
    expect(segmentOfSeriesId(series[6]!.id)).toEqual({ panel: 1, tier: 'vip' });
    expect(segmentOfSeriesId(segmentSeriesId(3, 'a|b'))).toEqual({ panel: 3, tier: 'a|b' });
    expect(segmentOfSeriesId('quadrant-points-x')).toBeUndefined();
  });

  test('six segments make two rows', () => {
    const many = compareSegments([...rows, ...['a', 'b', 'c'].map((group) => ({ group, tier: 'mass', customers: 5 }))], ORDER, ['a', 'b', 'c', '杭州西湖支行', '杭州上城支行', EVIL]);
    const o = buildSegmentsOption({ comparison: many, tiers, valueText: (v) => v ?? '', locale: 'en', title: 't', height: 440 });
    const tops = new Set((o.grid as { top: number }[]).map((g) => g.top));
    expect(tops.size).toBe(2);
  });

  test('names from the data are escaped in tooltips, and the SVG carries the panels and PSI', () => {
    const fmt = (option.tooltip as { formatter: Formatter }).formatter;
    const evilPanel = series.find((s) => s.xAxisIndex === 3)!;
    const html = fmt({ seriesId: evilPanel.id });
    expect(html).not.toContain('<img');
    expect(html).toContain(escapeHtml(EVIL));
    const svg = renderSvg(option, 1000, 440);
    for (const text of ['全部客户', '杭州西湖支行', 'PSI']) expect(svg).toContain(text);
    expect(svg).toMatchSnapshot();
  });
});
