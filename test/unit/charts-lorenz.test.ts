import * as echarts from 'echarts';
import { describe, expect, test } from 'vitest';
import { gini, lorenz, pareto, sortAmounts, topShare } from '../../src/analysis/concentration';
import { buildLorenzOption, formatGini } from '../../src/charts/lorenz';
import { normalize, renderSvg } from '../support/chart-snapshot';

const s = sortAmounts([0, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 200_000, 800_000, 3_000_000]);
const input = { lorenz: lorenz(s), pareto: pareto(s), gini: gini(s).gini, topShare: topShare(s).share, locale: 'zh-CN' as const, title: '日均金融资产集中度' };



type Series = { name: string; data: number[][]; markPoint?: { data: { coord: number[] }[] } };
type Formatter = (p: unknown) => string;

describe('lorenz chart', () => {
  const option = buildLorenzOption(input);
  const series = option.series as Series[];

  test('option snapshot', () => {
    expect(normalize(option)).toMatchSnapshot();
  });

  test('Lorenz, Pareto and the equality diagonal; Gini and top-20% share in the subtitle', () => {
    expect(series.map((x) => x.name)).toEqual(['洛伦兹曲线', '帕累托曲线', '完全均等']);
    expect(series[0]!.data[0]).toEqual([0, 0]);
    expect(series[0]!.data.at(-1)).toEqual([1, 1]);
    expect(series[2]!.data).toEqual([[0, 0], [1, 1]]);
    const sub = (option.title as { subtext: string }).subtext;
    expect(input.topShare).toBeCloseTo(3_800_000 / 4_088_000, 12);
    expect(sub).toBe(`基尼系数 ${formatGini(input.gini)} · 前20%客户占比 93.0% · 客户 10`);
    // The top-20% marker sits on the Pareto curve at x = 0.2.
    expect(series[1]!.markPoint!.data[0]!.coord).toEqual([0.2, input.topShare]);
  });

  test('without Pareto the marker is on the Lorenz curve at x = 0.8; no amounts → a note instead of NaN', () => {
    const o = buildLorenzOption({ ...input, pareto: undefined, locale: 'en' });
    const ss = o.series as Series[];
    expect(ss.map((x) => x.name)).toEqual(['Lorenz curve', 'Equality']);
    expect(ss[0]!.markPoint!.data[0]!.coord[0]).toBe(0.8);
    expect(ss[0]!.markPoint!.data[0]!.coord[1]).toBeCloseTo(1 - input.topShare, 12);
    const empty = sortAmounts([]);
    const e = buildLorenzOption({ lorenz: lorenz(empty), gini: gini(empty).gini, topShare: topShare(empty).share, locale: 'zh-CN', title: 't' });
    expect((e.title as { subtext: string }).subtext).toBe('没有有效金额');
    expect((e.series as Series[])[0]!.markPoint).toBeUndefined();
  });

  test('renders to SVG with the Gini value and the top-20% share', () => {
    const svg = renderSvg(option);
    for (const label of [`基尼系数 ${formatGini(input.gini)}`, '前20%客户占比 93.0%', '前20%客户: 93.0%', '洛伦兹曲线', '完全均等', '100.0%']) expect(svg).toContain(label);
    expect(svg).toMatchSnapshot();
  });

  test('tooltip: series names and values are encoded and formatted', () => {
    const fmt = (option.tooltip as { formatter: Formatter }).formatter;
    const html = fmt({ componentType: 'series', seriesIndex: 0, value: [0.5, 0.02] });
    expect(html).toBe('<b>洛伦兹曲线</b><br/>客户累计占比: 50.0%<br/>金额累计占比: 2.0%');
    expect(fmt({ componentType: 'markPoint', seriesIndex: 1, value: 1 })).toBe('');
  });
});
