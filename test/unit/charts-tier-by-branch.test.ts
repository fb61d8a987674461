import * as echarts from 'echarts';
import { describe, expect, test } from 'vitest';
import { escapeHtml } from '../../src/charts/escape';
import { BRANCHES_PER_VIEW, branchSummaries, buildTierByBranchOption, type TierByBranchRow } from '../../src/charts/tier-by-branch';
import { presetById } from '../../src/schemes/presets';
import { tiersOf } from '../../src/schemes/types';
import { normalize, renderSvg } from '../support/chart-snapshot';

const EVIL = '<img src=x onerror=alert(1)>';
const tiers = tiersOf(presetById('retail-aum'));

/** Branch → customers per tier (private, vip, affluent, wealth, mass, unrated). */
const MIX: Record<string, number[]> = {
  上海浦东支行: [30, 300, 600, 500, 1500, 5], // best two: 330 / 2935 = 11.2%
  北京分行营业部: [60, 500, 800, 600, 2000, 10], // 560 / 3970 = 14.1%
  成都高新支行: [5, 60, 300, 400, 1800, 30], // 65 / 2595 = 2.5%
  [EVIL]: [10, 90, 200, 300, 400, 0], // 100 / 1000 = 10.0%
};
const ORDER = ['private', 'vip', 'affluent', 'wealth', 'mass', 'unrated'];
const rows: TierByBranchRow[] = Object.entries(MIX).flatMap(([branch, c]) => ORDER.map((tier, i) => ({ branch, tier, customers: c[i]!, amount: c[i]! * [5e6, 1e6, 3e5, 8e4, 1e4, 0][i]! })));



type Series = { name: string; stack: string; data: number[]; itemStyle: { color: string } };
type Formatter = (p: unknown) => string;

describe('tier mix by branch', () => {
  const option = buildTierByBranchOption({ tiers, rows, measure: 'share', locale: 'zh-CN', title: '各分行客户层级结构' });
  const series = option.series as Series[];
  const yAxis = option.yAxis as { data: string[]; inverse: boolean };

  test('option snapshot', () => {
    expect(normalize(option)).toMatchSnapshot();
  });

  test('branches sorted by the share of the two best tiers, largest on top', () => {
    expect(yAxis.data).toEqual(['北京分行营业部', '上海浦东支行', EVIL, '成都高新支行']);
    expect(yAxis.inverse).toBe(true);
    expect(branchSummaries(tiers, rows).branches.map((b) => Math.round(b.topShare * 1000) / 1000)).toEqual([0.141, 0.112, 0.1, 0.025]);
  });

  test('100% stacked horizontal bars in tier colors: each branch sums to 1', () => {
    expect((option.xAxis as { max: number }).max).toBe(1);
    expect(series.map((s) => s.itemStyle.color)).toEqual(tiers.map((t) => t.color));
    for (let b = 0; b < 4; b++) expect(series.reduce((s, x) => s + x.data[b]!, 0)).toBeCloseTo(1, 12);
    expect(new Set(series.map((s) => s.stack)).size).toBe(1);
  });

  test('customers measure: stacked counts, no fixed max; many branches get a scroll bar', () => {
    const o = buildTierByBranchOption({ tiers, rows, measure: 'customers', locale: 'en', title: 't' });
    expect((o.series as Series[])[0]!.data).toEqual([60, 30, 10, 5]);
    expect((o.xAxis as { max?: number }).max).toBeUndefined();
    expect(o.dataZoom).toBeUndefined();
    const many = Array.from({ length: BRANCHES_PER_VIEW + 5 }, (_, i) => ({ branch: `B${i}`, tier: 'vip', customers: i + 1, amount: 0 }));
    const z = buildTierByBranchOption({ tiers, rows: many, measure: 'share', locale: 'zh-CN', title: 't' });
    expect((z.dataZoom as { endValue: number }[])[0]!.endValue).toBe(BRANCHES_PER_VIEW - 1);
  });

  test('renders to SVG with branch names (text-encoded) and tier labels', () => {
    const svg = renderSvg(option);
    for (const label of ['北京分行营业部', '成都高新支行', '私人银行', '未评级', '各分行客户层级结构', '100.0%']) expect(svg).toContain(label);
    expect(svg).not.toContain('<img');
    expect(svg).toMatchSnapshot();
  });

  test('tooltip: branch name and tier labels from files are HTML-encoded', () => {
    const evilTier = { ...tiers[1]!, label: { zh: EVIL, en: EVIL } };
    const o = buildTierByBranchOption({ tiers: [tiers[0]!, evilTier, ...tiers.slice(2)], rows, measure: 'share', locale: 'zh-CN', title: 't' });
    const fmt = (o.tooltip as { formatter: Formatter }).formatter;
    for (let i = 0; i < 4; i++) {
      const html = fmt([{ dataIndex: i }]);
      expect(html).not.toContain('<img');
      expect(html).toContain(escapeHtml(EVIL)); // the VIP label on every branch
    }
    const evilBranch = fmt([{ dataIndex: 2 }]);
    expect(evilBranch.startsWith(`<b>${escapeHtml(EVIL)}</b>`)).toBe(true);
    expect(evilBranch).toContain('合计: 1,000');
  });
});
