import * as echarts from 'echarts';
import { describe, expect, test } from 'vitest';
import { psi } from '../../src/analysis/psi';
import { escapeHtml } from '../../src/charts/escape';
import { buildPsiOption, formatPsi, psiBandLabel } from '../../src/charts/psi';
import { presetById } from '../../src/schemes/presets';
import { tiersOf } from '../../src/schemes/types';
import { normalize, renderSvg } from '../support/chart-snapshot';

const EVIL = '<img src=x onerror=alert(1)>';
const tiers = tiersOf(presetById('retail-aum'));
const ORDER = tiers.map((t) => t.id);
const expected = { private: 140, vip: 1836, affluent: 4325, wealth: 2932, mass: 10909, unrated: 12 };
const actual = { private: 180, vip: 2100, affluent: 3600, wealth: 2500, mass: 11500, unrated: 600 };
const result = psi(expected, actual, { tiers: ORDER });



type Series = { name: string; type: string; data: ({ value: number; itemStyle: { color: string; opacity: number } } | number)[]; yAxisIndex?: number };
type Formatter = (p: unknown) => string;

describe('PSI chart', () => {
  const option = buildPsiOption({ result, tiers, expectedLabel: '2025-06', actualLabel: '2025-12', locale: 'zh-CN', title: '层级结构稳定性' });
  const series = option.series as Series[];

  test('option snapshot', () => {
    expect(normalize(option)).toMatchSnapshot();
  });

  test('expected vs actual shares as grouped bars in tier colors (baseline lighter), contribution as a line', () => {
    expect(series.map((s) => [s.name, s.type])).toEqual([['2025-06', 'bar'], ['2025-12', 'bar'], ['PSI贡献', 'line']]);
    const [exp, act, contrib] = series as [Series, Series, Series];
    expect(exp.data.map((d) => (d as { value: number }).value)).toEqual(result.perTier.map((t) => t.expected));
    expect(act.data.map((d) => (d as { value: number }).value)).toEqual(result.perTier.map((t) => t.actual));
    expect(act.data.map((d) => (d as { itemStyle: { color: string } }).itemStyle.color)).toEqual(tiers.map((t) => t.color));
    expect(exp.data.every((d) => (d as { itemStyle: { opacity: number } }).itemStyle.opacity < 1)).toBe(true);
    expect(contrib.data).toEqual(result.perTier.map((t) => t.contribution));
    expect(contrib.yAxisIndex).toBe(1);
  });

  test('PSI value, band and the 0.1 / 0.25 thresholds in the subtitle', () => {
    expect(result.band).toBe('moderate');
    const sub = (option.title as { subtext: string }[])[0]!.subtext;
    expect(sub).toContain(`PSI = ${formatPsi(result.psi)}`);
    expect(sub).toContain('{band|轻微变化}');
    expect(sub).toContain('< 0.1 稳定，0.1–0.25 轻微变化，≥ 0.25 显著变化');
    expect([psiBandLabel('stable', 'zh-CN'), psiBandLabel('significant', 'zh-CN'), psiBandLabel('significant', 'en')]).toEqual(['稳定', '显著变化', 'significant shift']);
    const en = buildPsiOption({ result, tiers, expectedLabel: 'Jun', actualLabel: 'Dec', locale: 'en', title: 't' });
    expect((en.title as { subtext: string }[])[0]!.subtext).toContain('{band|moderate shift}');
  });

  test('renders to SVG with the PSI value, band and tier labels', () => {
    const svg = renderSvg(option);
    for (const label of [`PSI = ${formatPsi(result.psi)}`, '轻微变化', '私人银行', '未评级', '2025-06', '2025-12', 'PSI贡献']) expect(svg).toContain(label);
    expect(svg).toMatchSnapshot();
  });

  test('tooltip encodes tier labels and the period labels', () => {
    const evil = tiers.map((t) => ({ ...t, label: { zh: EVIL, en: EVIL } }));
    const o = buildPsiOption({ result, tiers: evil, expectedLabel: '<script>x</script>', actualLabel: EVIL, locale: 'zh-CN', title: 't' });
    const fmt = (o.tooltip as { formatter: Formatter }).formatter;
    const html = result.perTier.map((_, i) => fmt([{ dataIndex: i }])).join('\n');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).toContain(`<b>${escapeHtml(EVIL)}</b>`);
    expect(html).toContain(`${escapeHtml(EVIL)}: 2.9%`); // unrated actual 600 / 20,480
  });
});
