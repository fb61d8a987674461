import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { afterEach, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import { gini, lorenz, pareto, sortAmounts, topShare } from '../../src/analysis/concentration';
import { sankeyFlows, transitionMatrix, type TransitionCell } from '../../src/analysis/migration';
import { projectTierMix } from '../../src/analysis/projection';
import { psi } from '../../src/analysis/psi';
import { buildHistogramOption, histogramBins } from '../../src/charts/histogram';
import { buildLorenzOption } from '../../src/charts/lorenz';
import { buildMigrationHeatmapOption } from '../../src/charts/migration-heatmap';
import { buildProjectionOption } from '../../src/charts/projection';
import { buildPsiOption } from '../../src/charts/psi';
import { buildQuadrantOption } from '../../src/charts/quadrant';
import { CHART_EXTENSIONS } from '../../src/charts/register';
import { buildSankeyOption } from '../../src/charts/sankey';
import { buildTierByBranchOption } from '../../src/charts/tier-by-branch';
import { buildTierDistributionOption } from '../../src/charts/tier-distribution';
import { buildTierMixOverTimeOption } from '../../src/charts/tier-mix-over-time';
import { presetById } from '../../src/schemes/presets';
import { tiersOf, type QuadrantScheme } from '../../src/schemes/types';

// Only the parts the app registers from `charts/register.ts` (tree-shaken `echarts/core`). A
// part missing from the list is left out silently (marks, for one, without a warning), so each
// case checks texts that only that part draws, and that every option component has a model.
echarts.use([...CHART_EXTENSIONS, SVGRenderer]);

const tiers = tiersOf(presetById('retail-aum'));
const ORDER = tiers.map((t) => t.id);
const CELLS: TransitionCell[] = [
  { from: 'vip', to: 'vip', customers: 20 },
  { from: 'vip', to: 'private', customers: 3 },
  { from: 'affluent', to: 'mass', customers: 4 },
  { from: 'mass', to: 'mass', customers: 50 },
  { from: 'mass', to: '(gone)', customers: 5 },
  { from: '(new)', to: 'mass', customers: 6 },
];
const matrix = transitionMatrix(CELLS, ORDER);
const counts = ORDER.map((tier, i) => ({ tier, customers: [10, 40, 80, 60, 200, 3][i]!, amount: [5e7, 6e7, 3e7, 6e6, 2e6, 0][i]! }));
const amounts = sortAmounts([0, 5e3, 2e4, 8e4, 3e5, 1.2e6, 7e6]);
const value = presetById('value-matrix') as QuadrantScheme;

const cases: [string, () => unknown, string[]][] = [
  ['tier distribution', () => buildTierDistributionOption({ tiers, counts, locale: 'zh-CN', title: 'T', amountLabel: 'AUM' }), ['私人银行']],
  ['tier mix over time', () => buildTierMixOverTimeOption({ tiers, periods: ['2025-11', '2025-12'], counts: { '2025-11': counts, '2025-12': counts }, measure: 'share', locale: 'zh-CN', title: 'T' }), ['2025-12', '贵宾']],
  ['tier by branch', () => buildTierByBranchOption({ tiers, rows: Array.from({ length: 25 }, (_, i) => ({ branch: `支行${i}`, tier: ORDER[i % 6]!, customers: 10 + i, amount: 0 })), measure: 'share', locale: 'zh-CN', title: 'T' }), ['支行0']],
  ['migration heatmap', () => buildMigrationHeatmapOption({ matrix, tierOrder: ORDER, tiers, measure: 'count', locale: 'zh-CN', title: 'T' }), ['>50</text>', '升级 3']],
  ['sankey', () => buildSankeyOption({ flows: sankeyFlows(['2025-11', '2025-12'], [CELLS], ORDER), tiers, locale: 'zh-CN', title: 'T' }), ['新增 6', '流失 5']],
  ['quadrant', () => buildQuadrantOption({ x: { label: 'X', cut: 60, min: 0, max: 100 }, y: { label: 'Y', cut: 1e5, min: 0, max: 4e5 }, points: [{ x: 70, y: 2e5, tier: 'important' }], density: { xEdges: [0, 50, 100], yEdges: [0, 2e5, 4e5], counts: [[1, 2], [3, 4]] }, cells: value.cells, counts: { hh: 1, lh: 2, hl: 3, ll: 4 }, tiers: tiersOf(value), locale: 'zh-CN', title: 'T' }), ['切分 60', '重要', '4 (40.0%)']],
  ['histogram', () => buildHistogramOption({ bins: histogramBins(amounts.values, 10, true), thresholds: [{ tier: 'vip', value: 1e6 }], tiers, logX: true, metricLabel: 'AUM', locale: 'zh-CN', title: 'T' }), ['贵宾 ≥ 100万', '≤ 0']],
  ['lorenz', () => buildLorenzOption({ lorenz: lorenz(amounts), pareto: pareto(amounts), gini: gini(amounts).gini, topShare: topShare(amounts).share, locale: 'zh-CN', title: 'T' }), ['前20%客户:']],
  ['psi', () => buildPsiOption({ result: psi({ a: 1, b: 2 }, { a: 2, b: 1 }), tiers, expectedLabel: 'E', actualLabel: 'A', locale: 'zh-CN', title: 'T' }), ['PSI = ']],
  ['projection', () => buildProjectionOption({ projection: projectTierMix(matrix, 6), tiers, locale: 'zh-CN', title: 'T' }), ['预测 →']],
];

describe('CHART_EXTENSIONS covers every builder', () => {
  let warn: MockInstance;
  let error: MockInstance;
  beforeEach(() => {
    warn = vi.spyOn(console, 'warn');
    error = vi.spyOn(console, 'error');
  });
  afterEach(() => {
    warn.mockRestore();
    error.mockRestore();
  });

  test.each(cases)('%s renders with echarts/core and the registered parts only', (_name, build, expected) => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 1000, height: 520 });
    const option = build() as Record<string, unknown>;
    chart.setOption(option);
    const svg = chart.renderToSVGString();
    const model = (chart as unknown as { getModel(): { getComponent(type: string): unknown } }).getModel();
    for (const key of ['title', 'legend', 'tooltip', 'grid', 'xAxis', 'yAxis', 'dataZoom']) {
      if (option[key] !== undefined) expect(model.getComponent(key), key).toBeTruthy();
    }
    chart.dispose();
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    for (const text of expected) expect(svg).toContain(text);
  });
});
