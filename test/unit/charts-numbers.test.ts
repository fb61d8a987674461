import { describe, expect, test } from 'vitest';
import { gini, lorenz, pareto, sortAmounts, topShare } from '../../src/analysis/concentration';
import { projectTierMix } from '../../src/analysis/projection';
import { psi } from '../../src/analysis/psi';
import { transitionMatrix } from '../../src/analysis/migration';
import { buildHistogramOption } from '../../src/charts/histogram';
import { buildLorenzOption } from '../../src/charts/lorenz';
import { buildProjectionOption } from '../../src/charts/projection';
import { buildPsiOption, formatPsi } from '../../src/charts/psi';
import { buildQuadrantOption, QUADRANT_CUT_IDS, quadrantExtents, type QuadrantPoint } from '../../src/charts/quadrant';
import { buildTierByBranchOption } from '../../src/charts/tier-by-branch';
import { buildTierDistributionOption } from '../../src/charts/tier-distribution';
import { buildTierMixOverTimeOption } from '../../src/charts/tier-mix-over-time';
import { presetById } from '../../src/schemes/presets';
import { tiersOf, type QuadrantScheme } from '../../src/schemes/types';
import { renderSvg } from '../support/chart-snapshot';

const tiers = tiersOf(presetById('retail-aum'));
const ORDER = tiers.map((t) => t.id);
const small = ORDER.map((tier, i) => ({ tier, customers: [1, 2, 3, 1, 2, 0][i]!, amount: [5e6, 1e6, 3e5, 6e4, 2e3, 0][i]! }));

type Axis = { minInterval?: number; axisLabel: { formatter: (v: number) => string } };
const axesOf = (o: unknown, key: 'xAxis' | 'yAxis'): Axis[] => {
  const a = (o as Record<string, unknown>)[key];
  return (Array.isArray(a) ? a : [a]) as Axis[];
};

describe('PSI: tiny contributions are not printed as 0', () => {
  // One customer moves out of 20,000: every contribution is far below 0.0001.
  const result = psi({ private: 140, vip: 1836, affluent: 4325, wealth: 2932, mass: 10909 }, { private: 140, vip: 1837, affluent: 4324, wealth: 2932, mass: 10909 }, { tiers: ORDER });
  const option = buildPsiOption({ result, tiers, expectedLabel: 'E', actualLabel: 'A', locale: 'zh-CN', title: 't' });

  test('tooltip and axis labels show significant digits', () => {
    const moved = result.perTier.filter((t) => t.contribution > 0);
    expect(moved.length).toBeGreaterThan(0);
    for (const t of moved) {
      expect(t.contribution).toBeLessThan(1e-4);
      expect(formatPsi(t.contribution)).not.toMatch(/^0\.0000$/);
    }
    const fmt = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const i = result.perTier.findIndex((t) => t.contribution > 0);
    expect(fmt([{ dataIndex: i }])).toContain(`PSI贡献: ${formatPsi(result.perTier[i]!.contribution)}`);
    const [, contribution] = axesOf(option, 'yAxis');
    const ticks = [0, 2e-5, 4e-5, 6e-5, 2.5e-8, 5e-9].map(contribution!.axisLabel.formatter);
    expect(ticks).toEqual(['0', '0.00002', '0.00004', '0.00006', '0.000000025', '0.000000005']);
  });

  test('the rendered axis has no repeated labels', () => {
    const svg = renderSvg(option);
    const labels = [...svg.matchAll(/>(0\.0\d*|\d(?:\.\d+)?e-\d+)<\/text>/g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(2);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('count axes tick on whole numbers', () => {
  const matrix = transitionMatrix([{ from: 'vip', to: 'vip', customers: 2 }, { from: 'vip', to: 'mass', customers: 1 }], ORDER);
  const builders: [string, () => unknown, 'xAxis' | 'yAxis', number][] = [
    ['tier distribution', () => buildTierDistributionOption({ tiers, counts: small, locale: 'zh-CN', title: 't' }), 'yAxis', 0],
    ['histogram', () => buildHistogramOption({ bins: [{ lo: 0, hi: 1, count: 2 }, { lo: 1, hi: 2, count: 3 }], thresholds: [], tiers, metricLabel: 'm', locale: 'zh-CN', title: 't' }), 'yAxis', 0],
    ['projection', () => buildProjectionOption({ projection: projectTierMix(matrix, 3), tiers, locale: 'zh-CN', title: 't' }), 'yAxis', 0],
    ['tier by branch (customers)', () => buildTierByBranchOption({ tiers, rows: [{ branch: 'b', tier: 'vip', customers: 3, amount: 0 }], measure: 'customers', locale: 'zh-CN', title: 't' }), 'xAxis', 0],
    ['tier mix (customers)', () => buildTierMixOverTimeOption({ tiers, periods: ['2025-11', '2025-12'], counts: { '2025-11': small, '2025-12': small }, measure: 'customers', locale: 'zh-CN', title: 't' }), 'yAxis', 0],
  ];
  test.each(builders)('%s: minInterval 1, fractional ticks blank', (_name, build, key, index) => {
    const axis = axesOf(build(), key)[index]!;
    expect(axis.minInterval).toBe(1);
    expect([0, 0.5, 1, 1.5, 2, 1000].map(axis.axisLabel.formatter)).toEqual(['0', '', '1', '', '2', '1,000']);
  });

  test('a small-count tier chart renders each tick once', () => {
    const svg = renderSvg(buildTierDistributionOption({ tiers, counts: small, locale: 'zh-CN', title: 't' }) as never);
    const ticks = [...svg.matchAll(/text-anchor="end"[^>]*>(\d+)<\/text>/g)].map((m) => m[1]);
    expect(ticks.length).toBeGreaterThan(1);
    expect(new Set(ticks).size).toBe(ticks.length);
  });
});

describe('quadrant: robust axis ranges', () => {
  const value = presetById('value-matrix') as QuadrantScheme;
  const qtiers = tiersOf(value);
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const bulk: QuadrantPoint[] = Array.from({ length: 300 }, () => ({ x: 100 + rnd() * 900_000, y: rnd() * 300_000, tier: 'important' }));
  const outlier: QuadrantPoint = { x: 500_000, y: -25_557_400, tier: 'exit' };
  const points = [...bulk, outlier];
  const x = { label: 'AUM', cut: 100_000, min: 100, max: 900_100 };
  const y = { label: '利润', cut: 100_000, min: -25_557_400, max: 300_000 };
  const input = { x, y, points, cells: value.cells, counts: { hh: 1, lh: 1, hl: 1, ll: 1 }, tiers: qtiers, locale: 'zh-CN' as const, title: 't' };
  const option = buildQuadrantOption(input);
  type ValueAxis = { min: number; max: number; interval: number };
  const yAxis = option.yAxis as ValueAxis;
  const xAxis = option.xAxis as ValueAxis;

  test('one outlier does not stretch the axis; it is counted in a note', () => {
    expect(yAxis.min).toBeGreaterThan(outlier.y);
    expect(yAxis.min).toBeLessThanOrEqual(Math.min(...bulk.map((p) => p.y)));
    expect(yAxis.max).toBeGreaterThanOrEqual(Math.max(...bulk.map((p) => p.y)));
    const note = (option.title as { id?: string; text: string }[]).find((t) => t.id === QUADRANT_CUT_IDS.outside)!;
    expect(note.text).toBe('另有 1 位客户在显示范围之外（坐标轴按多数客户取值）');
    expect(quadrantExtents(input).outside).toBe(1);
  });

  test('nice ends and ticks, and the cuts inside the range', () => {
    for (const [axis, cut] of [[xAxis, x.cut], [yAxis, y.cut]] as const) {
      expect(axis.min).toBeLessThanOrEqual(cut);
      expect(axis.max).toBeGreaterThanOrEqual(cut);
      for (const end of [axis.min, axis.max]) expect(Math.abs(end / axis.interval - Math.round(end / axis.interval))).toBeLessThan(1e-9);
      expect(String(axis.interval)).toMatch(/^(1|2|2\.5|5)0*$/);
    }
  });

  test('without outliers, nothing is cut and the note is empty', () => {
    const o = buildQuadrantOption({ ...input, points: bulk });
    expect((o.title as { text: string }[])[1]!.text).toBe('');
    expect((o.yAxis as ValueAxis).min).toBeLessThanOrEqual(0);
  });

  test('a cut far outside the data is still shown', () => {
    const o = buildQuadrantOption({ ...input, points: bulk, y: { ...y, cut: 2_000_000, max: 2_000_000 } });
    expect((o.yAxis as ValueAxis).max).toBeGreaterThanOrEqual(2_000_000);
  });

  test('with a density, the range comes from the cells (and the note says about)', () => {
    const xEdges = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => k * 100_000);
    const yEdges = [-30_000_000, -20_000_000, -10_000_000, 0, 10_000_000];
    // 1,000 customers in the top row's first columns; 2 far below.
    const counts = xEdges.slice(0, -1).map((_, i) => [i === 5 ? 2 : 0, 0, 0, i < 3 ? 300 + i : 0]);
    const o = buildQuadrantOption({ ...input, points: undefined, x: { ...x, min: 0, max: 1e6 }, y: { ...y, min: -30_000_000, max: 10_000_000 }, density: { xEdges, yEdges, counts } });
    expect((o.yAxis as ValueAxis).min).toBeGreaterThanOrEqual(0);
    expect((o.title as { text: string }[])[1]!.text).toBe('约 2 位客户在显示范围之外（坐标轴按多数客户取值）');
  });
});

describe('legend swatches are the colors of what they name', () => {
  type Item = { value?: unknown; itemStyle?: { color?: string } } | number | string;
  type Series = { name?: string; itemStyle?: { color?: string }; data?: Item[] };
  const colorsOf = (o: unknown) => {
    const option = o as { legend?: { data?: (string | { name: string; itemStyle?: { color?: string } })[] }; series: Series[] };
    return (option.legend?.data ?? []).map((entry) => {
      const name = typeof entry === 'string' ? entry : entry.name;
      const series = option.series.find((s) => s.name === name);
      const swatch = (typeof entry === 'string' ? undefined : entry.itemStyle?.color) ?? series?.itemStyle?.color;
      const drawn = new Set((series?.data ?? []).flatMap((d) => (typeof d === 'object' && d?.itemStyle?.color ? [d.itemStyle.color] : [])));
      return { name, swatch, drawn: [...drawn] };
    });
  };
  const builders: [string, () => unknown][] = [
    ['tier distribution', () => buildTierDistributionOption({ tiers, counts: small, locale: 'zh-CN', title: 't', amountLabel: 'AUM' })],
    ['psi', () => buildPsiOption({ result: psi({ a: 1, b: 2 }, { a: 2, b: 1 }), tiers, expectedLabel: 'E', actualLabel: 'A', locale: 'zh-CN', title: 't' })],
    ['tier by branch', () => buildTierByBranchOption({ tiers, rows: [{ branch: 'b', tier: 'vip', customers: 3, amount: 0 }], measure: 'share', locale: 'zh-CN', title: 't' })],
    ['tier mix', () => buildTierMixOverTimeOption({ tiers, periods: ['2025-12'], counts: { '2025-12': small }, measure: 'share', locale: 'zh-CN', title: 't' })],
    ['lorenz', () => {
      const a = sortAmounts([0, 5e3, 2e4, 8e4, 3e5, 1.2e6, 7e6]);
      return buildLorenzOption({ lorenz: lorenz(a), pareto: pareto(a), gini: gini(a).gini, topShare: topShare(a).share, locale: 'zh-CN', title: 't' });
    }],
  ];
  test.each(builders)('%s', (_name, build) => {
    const entries = colorsOf(build());
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e.swatch, e.name).toBeDefined();
      for (const c of e.drawn) expect(c, e.name).toBe(e.swatch);
    }
  });

  test('tier distribution: the tier swatches are the tier colors', () => {
    const entries = colorsOf(buildTierDistributionOption({ tiers, counts: small, locale: 'zh-CN', title: 't' }));
    expect(entries.map((e) => e.swatch)).toEqual(tiers.map((t) => t.color));
  });
});
