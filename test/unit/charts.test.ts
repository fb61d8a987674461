import * as echarts from 'echarts';
import { describe, expect, test } from 'vitest';
import { buildTierDistributionOption } from '../../src/charts/tier-distribution';
import { escapeHtml } from '../../src/charts/escape';
import { presetById } from '../../src/schemes/presets';
import { tiersOf } from '../../src/schemes/types';
import { normalize } from '../support/chart-snapshot';

const scheme = presetById('retail-aum');
const counts = [
  { tier: 'private', customers: 140, amount: 1.388e9 },
  { tier: 'vip', customers: 1836, amount: 2.264e9 },
  { tier: 'affluent', customers: 4325, amount: 9.74e8 },
  { tier: 'wealth', customers: 2932, amount: 2.1e8 },
  { tier: 'mass', customers: 10909, amount: 1.7e8 },
  { tier: 'unrated', customers: 12, amount: 0 },
];


function renderSvg(option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 400 });
  chart.setOption(option);
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

describe('tier distribution chart', () => {
  const option = buildTierDistributionOption({ tiers: tiersOf(scheme), counts, locale: 'zh-CN', title: '零售客户资产分层 · 2025-12', amountLabel: '日均金融资产' });

  test('option snapshot', () => {
    expect(normalize(option)).toMatchSnapshot();
  });

  test('bars follow the scheme order and colors; the amount share sums to 1', () => {
    type Bar = { name: string; type: string; data: (number | string)[]; itemStyle: { color: string } };
    const series = option.series as Bar[];
    const bars = series.filter((s) => s.type === 'bar');
    const shares = series.find((s) => s.type === 'line')! as unknown as { data: number[] };
    // One series per tier, holding a value only in its own slot.
    expect(bars.map((b, i) => b.data[i])).toEqual([140, 1836, 4325, 2932, 10909, 12]);
    expect(bars.every((b, i) => b.data.every((v, j) => j === i || v === '-'))).toBe(true);
    expect(bars.map((b) => b.itemStyle.color)).toEqual(tiersOf(scheme).map((t) => t.color));
    expect(shares.data.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  test('legend: each tier in its bar color, then the amount share line', () => {
    const legend = option.legend as { data: string[] };
    const series = option.series as { name: string; itemStyle: { color: string } }[];
    expect(legend.data).toEqual([...tiersOf(scheme).map((t) => t.label.zh), '日均金融资产占比']);
    for (const name of legend.data) expect(series.find((s) => s.name === name)?.itemStyle.color).toBeDefined();
    expect(legend.data.slice(0, -1).map((n) => series.find((s) => s.name === n)!.itemStyle.color)).toEqual(tiersOf(scheme).map((t) => t.color));
  });

  test('the customer axis ticks on whole numbers only (no 0, 1, 1, 2 for small counts)', () => {
    const small = buildTierDistributionOption({ tiers: tiersOf(scheme), counts: counts.map((c) => ({ ...c, customers: c.tier === 'vip' ? 3 : 1 })), locale: 'zh-CN', title: 't' });
    const [axis] = small.yAxis as [{ minInterval: number; axisLabel: { formatter: (v: number) => string } }];
    expect(axis.minInterval).toBe(1);
    expect([0, 0.5, 1, 1.5, 2].map(axis.axisLabel.formatter)).toEqual(['0', '', '1', '', '2']);
  });

  test('renders to SVG with the Chinese tier labels', () => {
    const svg = renderSvg(option);
    for (const label of ['私人银行', '贵宾', '财富', '理财', '大众', '未评级']) expect(svg).toContain(label);
    expect(svg).toMatchSnapshot();
  });

  test('tooltip text is HTML-encoded (labels come from user-edited schemes)', () => {
    const evil = { ...scheme.tiers[0]!, label: { zh: '<img src=x onerror=alert(1)>', en: 'x' } };
    const o = buildTierDistributionOption({ tiers: [evil, ...tiersOf(scheme).slice(1)], counts, locale: 'zh-CN', title: 't', amountLabel: 'AUM<script>' });
    const html = (o.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 0 }]);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).toContain(escapeHtml('<img src=x onerror=alert(1)>'));
  });
});
