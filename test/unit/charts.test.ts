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
    const [bars, shares] = option.series as [{ data: { value: number; itemStyle: { color: string } }[] }, { data: number[] }];
    expect(bars.data.map((d) => d.value)).toEqual([140, 1836, 4325, 2932, 10909, 12]);
    expect(bars.data.map((d) => d.itemStyle.color)).toEqual(tiersOf(scheme).map((t) => t.color));
    expect(shares.data.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
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
