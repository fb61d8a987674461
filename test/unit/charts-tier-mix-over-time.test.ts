import * as echarts from 'echarts';
import { describe, expect, test } from 'vitest';
import { escapeHtml } from '../../src/charts/escape';
import { buildTierMixOverTimeOption, TIER_MIX_MAX_BAR_PERIODS } from '../../src/charts/tier-mix-over-time';
import { presetById } from '../../src/schemes/presets';
import { tiersOf } from '../../src/schemes/types';
import { normalize, renderSvg } from '../support/chart-snapshot';

const EVIL = '<img src=x onerror=alert(1)>';
const tiers = tiersOf(presetById('retail-aum'));
const periods = ['2025-10-31', '2025-11-30', '2025-12-31'];
const counts = {
  '2025-10-31': [
    { tier: 'private', customers: 120, amount: 1.2e9 },
    { tier: 'vip', customers: 1800, amount: 2.2e9 },
    { tier: 'affluent', customers: 4300, amount: 9.7e8 },
    { tier: 'wealth', customers: 2900, amount: 2.1e8 },
    { tier: 'mass', customers: 10900, amount: 1.7e8 },
    { tier: 'unrated', customers: 10, amount: 0 },
  ],
  '2025-11-30': [
    { tier: 'private', customers: 130, amount: 1.3e9 },
    { tier: 'vip', customers: 1820, amount: 2.25e9 },
    { tier: 'affluent', customers: 4310, amount: 9.7e8 },
    { tier: 'wealth', customers: 2920, amount: 2.1e8 },
    { tier: 'mass', customers: 10905, amount: 1.7e8 },
  ],
  '2025-12-31': [
    { tier: 'private', customers: 140, amount: 1.388e9 },
    { tier: 'vip', customers: 1836, amount: 2.264e9 },
    { tier: 'affluent', customers: 4325, amount: 9.74e8 },
    { tier: 'wealth', customers: 2932, amount: 2.1e8 },
    { tier: 'mass', customers: 10909, amount: 1.7e8 },
    { tier: 'unrated', customers: 12, amount: 0 },
  ],
};



type Series = { name: string; type: string; stack: string; data: number[]; itemStyle: { color: string } };
type Formatter = (p: unknown) => string;

describe('tier mix over time', () => {
  const option = buildTierMixOverTimeOption({ tiers, periods, counts, measure: 'share', locale: 'zh-CN', title: '客户层级结构 · 月度' });
  const series = option.series as Series[];

  test('option snapshot', () => {
    expect(normalize(option)).toMatchSnapshot();
  });

  test('one stacked bar series per tier in its stable color, best tier on top, legend best first', () => {
    expect(series.map((s) => s.type)).toEqual(Array(6).fill('bar'));
    expect(new Set(series.map((s) => s.stack)).size).toBe(1);
    // Stacked from the bottom: unrated first, private (best) last = on top.
    expect(series.map((s) => s.name)).toEqual(['未评级', '大众', '理财', '财富', '贵宾', '私人银行']);
    expect(series.map((s) => s.itemStyle.color)).toEqual([...tiers].reverse().map((t) => t.color));
    expect((option.legend as { data: string[] }).data).toEqual(['私人银行', '贵宾', '财富', '理财', '大众', '未评级']);
  });

  test('x axis shows periods as YYYY-MM; shares of each period add up to 1; a missing tier is 0', () => {
    expect((option.xAxis as { data: string[] }).data).toEqual(['2025-10', '2025-11', '2025-12']);
    for (let k = 0; k < periods.length; k++) expect(series.reduce((s, x) => s + x.data[k]!, 0)).toBeCloseTo(1, 12);
    expect(series[0]!.data[1]).toBe(0); // no unrated row in 2025-11
  });

  test('customers and amount measures carry the raw values', () => {
    const c = buildTierMixOverTimeOption({ tiers, periods, counts, measure: 'customers', locale: 'zh-CN', title: 't' }).series as Series[];
    expect(c.at(-1)!.data).toEqual([120, 130, 140]);
    const a = buildTierMixOverTimeOption({ tiers, periods, counts, measure: 'amount', locale: 'zh-CN', title: 't', amountLabel: 'AUM' });
    expect((a.series as Series[]).at(-1)!.data).toEqual([1.2e9, 1.3e9, 1.388e9]);
    const axis = a.yAxis as { name: string; axisLabel: { formatter: (v: number) => string } };
    expect(axis.name).toBe('AUM');
    expect(axis.axisLabel.formatter(2e9)).toBe('20亿');
  });

  test(`more than ${TIER_MIX_MAX_BAR_PERIODS} periods become a stacked area`, () => {
    const many = Array.from({ length: 18 }, (_, i) => `20${24 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const o = buildTierMixOverTimeOption({ tiers, periods: many, counts: { [many[0]!]: counts['2025-12-31'] }, measure: 'customers', locale: 'en', title: 't' });
    const s = o.series as (Series & { areaStyle?: unknown })[];
    expect(s.every((x) => x.type === 'line' && x.areaStyle !== undefined && x.stack === 'mix')).toBe(true);
    expect(s.at(-1)!.data.slice(0, 2)).toEqual([140, 0]);
  });

  test('renders to SVG with the tier labels, periods and share labels', () => {
    const svg = renderSvg(option);
    for (const label of ['私人银行', '贵宾', '财富', '理财', '大众', '未评级', '2025-10', '2025-12', '客户层级结构 · 月度']) expect(svg).toContain(label);
    expect(svg).toContain('54.3%'); // mass share 2025-11: 10,905 / 20,085 customers
    expect(svg).toMatchSnapshot();
  });

  test('tooltip lists every tier with count and share, HTML-encoded', () => {
    const evil = { ...tiers[0]!, label: { zh: EVIL, en: EVIL } };
    const o = buildTierMixOverTimeOption({ tiers: [evil, ...tiers.slice(1)], periods: ['2025-12<script>'], counts: { '2025-12<script>': counts['2025-12-31'] }, measure: 'amount', locale: 'zh-CN', title: 't', amountLabel: 'AUM"<b>' });
    const html = (o.tooltip as { formatter: Formatter }).formatter([{ dataIndex: 0 }]);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('"<b>');
    expect(html).toContain(escapeHtml(EVIL));
    expect(html).toContain('140 (0.7%)');
    expect(html).toContain('13.88亿');
  });
});
