import * as echarts from 'echarts';
import { describe, expect, test } from 'vitest';
import { escapeHtml } from '../../src/charts/escape';
import { buildHistogramOption, histogramBins } from '../../src/charts/histogram';
import { presetById } from '../../src/schemes/presets';
import { tiersOf } from '../../src/schemes/types';
import { normalize, renderSvg } from '../support/chart-snapshot';

const EVIL = '<img src=x onerror=alert(1)>';
const tiers = tiersOf(presetById('retail-aum'));
const colorOf = (id: string) => tiers.find((t) => t.id === id)!.color;

/** Deterministic lognormal-ish amounts, some zero or negative, sorted. */
function amounts(n: number): Float64Array {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
    out[i] = i % 97 === 0 ? 0 : i % 211 === 0 ? -50 : Math.round(Math.exp(10.5 + 1.5 * z) * 100) / 100;
  }
  return out.sort();
}
const values = amounts(5000);
const thresholds = [
  { tier: 'private', value: 6_000_000 },
  { tier: 'vip', value: 1_000_000 },
  { tier: 'affluent', value: 300_000 },
  { tier: 'wealth', value: 50_000 },
];



/** Brute-force reference: bin k holds [lo, hi), the last bin also its hi. */
function brute(v: Float64Array, bins: { lo: number; hi: number }[]): number[] {
  return bins.map((b, k) => [...v].filter((x) => (k === 0 && b.hi === 0 ? x <= 0 : x >= b.lo && (k === bins.length - 1 ? x <= b.hi : x < b.hi))).length);
}

type MarkLineItem = { xAxis: number; lineStyle: { color: string }; label: { formatter: () => string } };
type Formatter = (p: unknown) => string;

describe('histogramBins', () => {
  test('linear bins: counts add up to n and match a brute-force count', () => {
    const bins = histogramBins(values, 25, false);
    expect(bins).toHaveLength(25);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(values.length);
    expect(bins[0]!.lo).toBe(values[0]);
    expect(bins.at(-1)!.hi).toBe(values.at(-1));
    expect(bins.map((b) => b.count)).toEqual(brute(values, bins));
  });

  test('log bins: values ≤ 0 in a first bin, then log-spaced positive bins', () => {
    const bins = histogramBins(values, 30, true);
    const nonPositive = [...values].filter((v) => v <= 0).length;
    expect(nonPositive).toBeGreaterThan(0);
    expect(bins).toHaveLength(30);
    expect(bins[0]).toEqual({ lo: -50, hi: 0, count: nonPositive });
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(values.length);
    const ratios = bins.slice(1).map((b) => b.hi / b.lo);
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0]!, 9);
    expect(bins.map((b) => b.count)).toEqual(brute(values, bins));
  });

  test('edge cases: empty, all equal, non-finite ends, only non-positive, bad bin count', () => {
    expect(histogramBins(new Float64Array(0), 10, false)).toEqual([]);
    expect(histogramBins(Float64Array.of(5, 5, 5), 10, false)).toEqual([{ lo: 4.5, hi: 5.5, count: 3 }]);
    const withInf = Float64Array.of(-Infinity, 1, 2, 3, 4, Infinity, NaN);
    expect(histogramBins(withInf, 3, false).reduce((s, b) => s + b.count, 0)).toBe(4);
    expect(histogramBins(Float64Array.of(-2, 0, 0), 5, true)).toEqual([{ lo: -2, hi: 0, count: 3 }]);
    expect(() => histogramBins(values, 0, false)).toThrow(/positive integer/);
  });

  test('a maximum exactly on an edge lands in the last bin', () => {
    const bins = histogramBins(Float64Array.of(0, 1, 2, 3, 4), 4, false);
    expect(bins.map((b) => b.count)).toEqual([1, 1, 1, 2]);
  });
});

describe('histogram chart', () => {
  const bins = histogramBins(values, 30, true);
  const option = buildHistogramOption({ bins, thresholds, tiers, logX: true, metricLabel: '日均金融资产', locale: 'zh-CN', title: '资产分布与分层阈值' });
  const series = (option.series as { type: string; data: number[][]; markLine: { data: MarkLineItem[] } }[])[0]!;

  test('option snapshot', () => {
    expect(normalize(option)).toMatchSnapshot();
  });

  test('bars at their true edges on a log axis; the ≤ 0 bin left of the first positive edge', () => {
    expect((option.xAxis as { type: string }).type).toBe('log');
    expect(series.type).toBe('custom');
    expect(series.data.slice(1).map((d) => [d[0], d[1], d[3]])).toEqual(bins.slice(1).map((b) => [b.lo, b.hi, b.count]));
    const [lo, hi] = series.data[0]!;
    expect(hi).toBeLessThan(bins[1]!.lo);
    expect(lo).toBeGreaterThan(0);
  });

  test('markers at the thresholds, colored by the tier they start, labelled with formatAmount', () => {
    const marks = series.markLine.data;
    expect(marks.map((m) => m.xAxis)).toEqual(thresholds.map((t) => t.value));
    expect(marks.map((m) => m.lineStyle.color)).toEqual(thresholds.map((t) => colorOf(t.tier)));
    expect(marks.map((m) => m.label.formatter())).toEqual(['私人银行 ≥ 600万', '贵宾 ≥ 100万', '财富 ≥ 30万', '理财 ≥ 5万']);
    const xAxis = option.xAxis as { min: number; max: number };
    for (const t of thresholds) {
      expect(t.value).toBeGreaterThan(xAxis.min);
      expect(t.value).toBeLessThan(xAxis.max);
    }
  });

  test('linear axis: a non-positive threshold is kept', () => {
    const o = buildHistogramOption({ bins: histogramBins(Float64Array.of(-5, 0, 3, 10), 3, false), thresholds: [{ tier: 'vip', value: 0 }], tiers, metricLabel: 'm', locale: 'en', title: 't' });
    expect((o.xAxis as { type: string }).type).toBe('value');
    expect((o.series as { markLine: { data: MarkLineItem[] } }[])[0]!.markLine.data.map((m) => m.label.formatter())).toEqual(['VIP ≥ 0']);
  });

  test('renders to SVG with the threshold labels and the ≤ 0 bin', () => {
    const svg = renderSvg(option, 900, 450);
    for (const label of ['私人银行 ≥ 600万', '贵宾 ≥ 100万', '财富 ≥ 30万', '理财 ≥ 5万', '≤ 0', '日均金融资产', '客户 5,000']) expect(svg).toContain(label);
    for (const t of thresholds) expect(svg).toContain(`stroke="${colorOf(t.tier)}"`);
    expect(svg).toMatchSnapshot();
  });

  test('tooltip encodes the metric label', () => {
    const o = buildHistogramOption({ bins, thresholds, tiers, logX: true, metricLabel: EVIL, locale: 'zh-CN', title: 't' });
    const fmt = (o.tooltip as { formatter: Formatter }).formatter;
    const html = bins.map((_, i) => fmt({ componentType: 'series', dataIndex: i })).join('\n');
    expect(html).not.toContain('<img');
    expect(html).toContain(`<b>${escapeHtml(EVIL)}</b>: ≤ 0`);
    expect(fmt({ componentType: 'markLine', dataIndex: 0 })).toBe('');
  });
});
