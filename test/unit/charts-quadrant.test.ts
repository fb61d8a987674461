import * as echarts from 'echarts';
import { describe, expect, test } from 'vitest';
import { escapeHtml } from '../../src/charts/escape';
import { buildQuadrantOption, QUADRANT_CUT_IDS, QUADRANT_MAX_POINTS, type QuadrantPoint } from '../../src/charts/quadrant';
import { presetById } from '../../src/schemes/presets';
import { tiersOf, type QuadrantScheme } from '../../src/schemes/types';
import { normalize, renderSvg } from '../support/chart-snapshot';

const EVIL = '<img src=x onerror=alert(1)>';
const scheme = presetById('value-matrix') as QuadrantScheme;
const tiers = tiersOf(scheme);
const x = { label: '银行对客户价值评分', cut: 60, min: 0, max: 100 };
const y = { label: '利润贡献度（元）', cut: 100_000, min: -50_000, max: 400_000 };
const cellOf = (p: { x: number; y: number }) => scheme.cells[`${p.x >= x.cut ? 'h' : 'l'}${p.y >= y.cut ? 'h' : 'l'}` as 'hh'];
const raw: [number, number][] = [
  [85, 350_000], [70, 120_000], [62, 100_000], // hh (the last one exactly on both cuts)
  [40, 250_000], [10, 150_000], // lh
  [90, 20_000], [75, -10_000], [60, 99_999], [66, 0], // hl
  [30, 5_000], // ll
];
const points: QuadrantPoint[] = raw.map(([px, py], i) => ({ x: px, y: py, tier: cellOf({ x: px, y: py }), name: `客户${i + 1}` }));
const counts = { hh: 3, lh: 2, hl: 4, ll: 1, unrated: 2 };



type Series = {
  id: string;
  name: string;
  type: string;
  data: unknown[];
  itemStyle?: { color: string };
  markLine?: { data: { name: string; xAxis?: number; yAxis?: number; label: { formatter: () => string } }[] };
  markArea?: { data: [{ name: string; xAxis: number; yAxis: number; label: { position: string } }, { xAxis: number; yAxis: number }][] };
};
type Formatter = (p: unknown) => string;

describe('quadrant chart', () => {
  const option = buildQuadrantOption({ x, y, points, cells: scheme.cells, counts, tiers, locale: 'zh-CN', title: '存量客户价值矩阵' });
  const series = option.series as Series[];
  const cuts = series.find((s) => s.id === QUADRANT_CUT_IDS.series)!;

  test('option snapshot', () => {
    expect(normalize(option)).toMatchSnapshot();
  });

  test('points: one scatter series per tier in the tier color, best tier first', () => {
    const scatter = series.filter((s) => s.type === 'scatter');
    expect(scatter.map((s) => s.name)).toEqual(['重要', '优质', '普通', '退出']);
    expect(scatter.map((s) => s.itemStyle!.color)).toEqual(scheme.tiers.map((t) => t.color));
    expect(scatter.map((s) => s.data.length)).toEqual([3, 2, 4, 1]);
  });

  test('cut lines at the cuts, labelled with the cut value (amounts via formatAmount)', () => {
    const [lx, ly] = cuts.markLine!.data;
    expect(lx).toMatchObject({ name: QUADRANT_CUT_IDS.x, xAxis: 60 });
    expect(ly).toMatchObject({ name: QUADRANT_CUT_IDS.y, yAxis: 100_000 });
    expect(lx!.label.formatter()).toBe('切分 60');
    expect(ly!.label.formatter()).toBe('切分\n10万');
  });

  test('quadrant corners: tier name, count and share, each in its outer corner', () => {
    const areas = cuts.markArea!.data;
    const byCorner = Object.fromEntries(areas.map(([a]) => [a.label.position, a.name]));
    expect(byCorner).toEqual({
      insideTopRight: '重要\n3 (30.0%)',
      insideTopLeft: '优质\n2 (20.0%)',
      insideBottomRight: '普通\n4 (40.0%)',
      insideBottomLeft: '退出\n1 (10.0%)',
    });
    // hh spans [cut, max] on both axes.
    expect(areas[0]).toEqual([expect.objectContaining({ xAxis: 60, yAxis: 100_000 }), { xAxis: 100, yAxis: 400_000 }]);
  });

  test('density layer: non-empty cells clipped to the axes, drawn as one path per shade', () => {
    const o = buildQuadrantOption({
      x,
      y,
      density: { xEdges: [0, 50, 100, 150], yEdges: [-100_000, 100_000, 400_000], counts: [[5, 0], [7, 3], [1, 1]] },
      cells: scheme.cells,
      counts: { hh: 4, lh: 0, hl: 8, ll: 5 },
      tiers,
      locale: 'en',
      title: 't',
    });
    const d = (o.series as Series[]).find((s) => s.id === QUADRANT_CUT_IDS.density)!;
    expect(d.type).toBe('custom');
    // Three cells inside the axes (x 100–150 is beyond the data's range and clipped away), in
    // three shades (√(n / 7) of 12 steps: 3 → 8, 5 → 11, 7 → 12), lightest first; each item sits
    // at the shown range's lower corner (y widened to the nice −10万).
    expect(d.data).toEqual([[0, -100_000, 8], [0, -100_000, 11], [0, -100_000, 12]]);
    const svg = renderSvg(o);
    const shades = [...svg.matchAll(/<path d="([^"]*)"[^>]*fill="#37474f"[^>]*fill-opacity="([\d.]+)"/g)];
    expect(shades.map((m) => Number(m[2]))).toEqual([0.08 + (0.72 * 8) / 12, 0.08 + (0.72 * 11) / 12, 0.8].map((v) => expect.closeTo(v, 3)));
    // Each shade is one rectangle here: four sides, corners on whole pixels.
    for (const [, path] of shades) expect(path).toMatch(/^M\d+ \d+L\d+ \d+L\d+ \d+L\d+ \d+$/);
    for (const label of ['Important', '4 (23.5%)', 'Exit', '5 (29.4%)', 'cut 60', '100K']) expect(svg).toContain(label);
    const tooltip = (i: number) => (o.tooltip as { formatter: Formatter }).formatter({ componentType: 'series', seriesId: QUADRANT_CUT_IDS.density, dataIndex: i });
    expect(tooltip(2)).toBe('Customers per cell: 7<br/>(1 cell of this shade)');
    expect(tooltip(0)).toContain('Customers per cell: 3');
  });

  test('density layer: cells of one shade stacked in a column are one rectangle', () => {
    const o = buildQuadrantOption({
      x,
      y,
      // Column 0: three equal cells (one shade, one rectangle); column 1: one cell of each shade.
      density: { xEdges: [0, 50, 100], yEdges: [-50_000, 100_000, 250_000, 400_000], counts: [[9, 9, 9], [9, 1, 0]] },
      cells: scheme.cells,
      counts: { hh: 0, lh: 0, hl: 0, ll: 0 },
      tiers,
      locale: 'zh-CN',
      title: 't',
    });
    const svg = renderSvg(o);
    const paths = [...svg.matchAll(/<path d="([^"]*)"[^>]*fill="#37474f"/g)].map((m) => m[1]!);
    expect(paths).toHaveLength(2);
    // The darkest shade: column 0 whole (one rectangle) and the bottom cell of column 1.
    expect(paths[1]!.match(/M/g)).toHaveLength(2);
    const tooltip = (o.tooltip as { formatter: Formatter }).formatter({ componentType: 'series', seriesId: QUADRANT_CUT_IDS.density, dataIndex: 1 });
    expect(tooltip).toBe('每格客户数：9<br/>（此深浅共 4 格）');
  });

  test('more points than the limit are refused (use a density)', () => {
    const many = Array.from({ length: QUADRANT_MAX_POINTS + 1 }, () => points[0]!);
    expect(() => buildQuadrantOption({ x, y, points: many, cells: scheme.cells, counts, tiers, locale: 'zh-CN', title: 't' })).toThrow(/at most 5000/);
  });

  test('renders to SVG with corner names and counts, cut values and axis names', () => {
    const svg = renderSvg(option, 900, 500);
    for (const label of ['重要', '优质', '普通', '退出', '3 (30.0%)', '1 (10.0%)', '切分 60', '10万', '银行对客户价值评分', '缺少坐标（未评级） 2']) expect(svg).toContain(label);
    expect(svg).toMatchSnapshot();
  });

  test('tooltip encodes customer names, tier labels and axis labels', () => {
    const evilTiers = tiers.map((t) => ({ ...t, label: { zh: EVIL, en: EVIL } }));
    const evilPoints = points.map((p) => ({ ...p, name: EVIL }));
    const o = buildQuadrantOption({ x: { ...x, label: EVIL }, y: { ...y, label: EVIL }, points: evilPoints, cells: scheme.cells, counts, tiers: evilTiers, locale: 'zh-CN', title: 't' });
    const fmt = (o.tooltip as { formatter: Formatter }).formatter;
    const scatter = (o.series as Series[]).filter((s) => s.type === 'scatter');
    const html = scatter.flatMap((s) => s.data.map((_, i) => fmt({ componentType: 'series', seriesId: s.id, dataIndex: i }))).join('\n');
    expect(html).not.toContain('<img');
    expect(html).toContain(`<b>${escapeHtml(EVIL)}</b>`);
    expect(html).toContain(`${escapeHtml(EVIL)}: 35万`);
  });
});
