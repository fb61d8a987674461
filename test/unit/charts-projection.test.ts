import * as echarts from 'echarts';
import { describe, expect, test } from 'vitest';
import { transitionMatrix } from '../../src/analysis/migration';
import { projectTierMix } from '../../src/analysis/projection';
import { escapeHtml } from '../../src/charts/escape';
import { buildProjectionOption, PROJECTION_NOTE_ZH } from '../../src/charts/projection';
import type { TierDef } from '../../src/schemes/types';
import { normalize, renderSvg } from '../support/chart-snapshot';

const EVIL = '<img src=x onerror=alert(1)>';
const tiers: TierDef[] = [
  { id: 'a', label: { zh: '甲级', en: 'Grade A' }, color: '#5b2c83' },
  { id: 'b', label: { zh: '乙级', en: 'Grade B' }, color: '#1f6fb2' },
];
// The hand-computed cohort example of projection.test.ts.
const M = transitionMatrix(
  [
    { from: 'a', to: 'a', customers: 8 },
    { from: 'a', to: 'b', customers: 1 },
    { from: 'a', to: '(gone)', customers: 1 },
    { from: 'b', to: 'a', customers: 2 },
    { from: 'b', to: 'b', customers: 6 },
    { from: 'b', to: '(gone)', customers: 2 },
    { from: '(new)', to: 'a', customers: 5 },
  ],
  ['a', 'b'],
);
const projection = projectTierMix(M, 3, { a: 100, b: 50 });



type Series = { name: string; type: string; stack: string; data: number[]; lineStyle: { type: string; color: string }; areaStyle: { opacity: number }; markArea?: unknown };
type Formatter = (p: unknown) => string;

describe('projection chart', () => {
  const option = buildProjectionOption({ projection, tiers, locale: 'zh-CN', title: '层级结构走势' });
  const series = option.series as Series[];

  test('option snapshot', () => {
    expect(normalize(option)).toMatchSnapshot();
  });

  test('stacked areas per tier (best on top) plus cumulative leavers, values of the projection', () => {
    expect(series.map((s) => s.name)).toEqual(['乙级', '甲级', '流失（累计）']);
    expect(series.every((s) => s.type === 'line' && s.stack === 'projection')).toBe(true);
    expect(series[1]!.data.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([100, 90, 80, 70.6]);
    expect(series[0]!.data.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([50, 40, 33, 27.8]);
    expect(series[2]!.data.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([0, 20, 37, 51.6]);
    expect(series.map((s) => s.lineStyle.color)).toEqual(['#1f6fb2', '#5b2c83', '#bdbdbd']);
    expect((option.xAxis as { data: string[] }).data).toEqual(['当前', 'T+1', 'T+2', 'T+3']);
  });

  test('visibly a projection: title, note, dashed lighter areas and a labelled band over the projected steps', () => {
    const title = option.title as { text: string; subtext: string };
    expect(title.text).toBe('层级结构走势（预测）');
    expect(title.subtext).toBe(PROJECTION_NOTE_ZH);
    expect(series.every((s) => s.lineStyle.type === 'dashed' && s.areaStyle.opacity < 1)).toBe(true);
    expect(series[0]!.markArea).toBeDefined();
    const en = buildProjectionOption({ projection: { ...projection, note: 'Custom note.' }, tiers, periodLabels: ['2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31'], locale: 'en', title: 'Mix' });
    expect((en.title as { text: string; subtext: string }).text).toBe('Mix (projection)');
    expect((en.title as { subtext: string }).subtext).toBe('Custom note.');
    expect((en.xAxis as { data: string[] }).data).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
  });

  test('renders to SVG with 预测 and the tier labels', () => {
    const svg = renderSvg(option, 900, 450);
    for (const label of ['层级结构走势（预测）', '预测 →', '甲级', '乙级', '流失（累计）', 'T+3', '队列预测']) expect(svg).toContain(label);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toMatchSnapshot();
  });

  test('tooltip encodes tier labels and period labels', () => {
    const evil = tiers.map((t) => ({ ...t, label: { zh: EVIL, en: EVIL } }));
    const o = buildProjectionOption({ projection, tiers: evil, periodLabels: [EVIL], locale: 'zh-CN', title: 't' });
    const fmt = (o.tooltip as { formatter: Formatter }).formatter;
    const html = projection.steps.map((_, i) => fmt([{ dataIndex: i }])).join('\n');
    expect(html).not.toContain('<img');
    expect(html).toContain(`<b>${escapeHtml(EVIL)}</b>`);
    // a at T+3: 70.6 of 150, shown with its decimal (an expectation is not rounded up to 71).
    expect(html).toContain(`${escapeHtml(EVIL)}: 70.6 (47.1%)`);
    expect(html).toContain('<b>T+1</b> (预测)');
  });
});
