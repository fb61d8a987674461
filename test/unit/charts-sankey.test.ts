import * as echarts from 'echarts';
import { describe, expect, test } from 'vitest';
import { sankeyFlows, type TransitionCell } from '../../src/analysis/migration';
import { escapeHtml } from '../../src/charts/escape';
import { buildSankeyOption } from '../../src/charts/sankey';
import { presetById } from '../../src/schemes/presets';
import { tiersOf } from '../../src/schemes/types';
import { normalize } from '../support/chart-snapshot';

const EVIL = '<img src=x onerror=alert(1)>';
const tiers = tiersOf(presetById('retail-aum'));
const ORDER = ['private', 'vip', 'affluent', 'wealth', 'mass', 'unrated'];
const STEP1: TransitionCell[] = [
  { from: 'private', to: 'private', customers: 40 },
  { from: 'vip', to: 'vip', customers: 300 },
  { from: 'vip', to: 'private', customers: 20 },
  { from: 'affluent', to: 'vip', customers: 60 },
  { from: 'affluent', to: 'affluent', customers: 500 },
  { from: 'mass', to: 'mass', customers: 2000 },
  { from: 'mass', to: 'affluent', customers: 80 },
  { from: 'mass', to: '(gone)', customers: 120 },
  { from: '(new)', to: 'mass', customers: 150 },
];
const STEP2: TransitionCell[] = [
  { from: 'private', to: 'private', customers: 55 },
  { from: 'private', to: 'vip', customers: 5 },
  { from: 'vip', to: 'vip', customers: 340 },
  { from: 'vip', to: 'unrated', customers: 20 },
  { from: 'affluent', to: 'affluent', customers: 560 },
  { from: 'affluent', to: 'vip', customers: 20 },
  { from: 'mass', to: 'mass', customers: 2100 },
  { from: 'mass', to: '(gone)', customers: 50 },
  { from: '(new)', to: 'mass', customers: 90 },
];
const PERIODS = ['2025-06-30', '2025-09-30', '2025-12-31'];
const flows = sankeyFlows(PERIODS, [STEP1, STEP2], ORDER);


function render(option: echarts.EChartsCoreOption, width = 800, height = 400) {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption(option);
  const svg = chart.renderToSVGString().replace(/zr\d+-/g, 'zr-');
  // Node rectangles as laid out (internal API, test only).
  const data = (chart as unknown as { getModel(): { getSeriesByType(t: string): { getData(): { count(): number; getItemLayout(i: number): { x: number; y: number } } }[] } })
    .getModel()
    .getSeriesByType('sankey')[0]!
    .getData();
  const layouts = Array.from({ length: data.count() }, (_, i) => data.getItemLayout(i));
  chart.dispose();
  return { svg, layouts };
}

type Node = { name: string; depth: number; itemStyle: { color: string } };
type Formatter = (p: unknown) => string;

describe('sankey', () => {
  const option = buildSankeyOption({ flows, tiers, locale: 'zh-CN', title: '客户层级流向' });
  const series = (option.series as { data: Node[]; links: unknown[]; layoutIterations: number }[])[0]!;

  test('option snapshot', () => {
    expect(normalize(option)).toMatchSnapshot();
  });

  test('nodes keep the given order, columns fixed by period; tier colors, grey new/gone', () => {
    expect(series.layoutIterations).toBe(0);
    expect(series.data.map((n) => n.name)).toEqual(flows.nodes.map((n) => n.id));
    expect(series.data.map((n) => n.depth)).toEqual(flows.nodes.map((n) => PERIODS.indexOf(n.period)));
    // (new) of the second step sits in the middle column although nothing flows into it.
    expect(series.data.find((n) => n.name === '2025-09-30|(new)')!.depth).toBe(1);
    const color = (id: string) => series.data.find((n) => n.name === id)!.itemStyle.color;
    expect(color('2025-06-30|vip')).toBe(tiers.find((t) => t.id === 'vip')!.color);
    expect(color('2025-06-30|(new)')).toBe('#9e9e9e');
    expect(color('2025-09-30|(gone)')).toBe('#9e9e9e');
    expect(series.links).toHaveLength(flows.links.length);
  });

  test('the layout keeps the order: within each column nodes go down in the given order', () => {
    const { layouts } = render(option);
    const byColumn = new Map<number, { y: number; x: number }[]>();
    series.data.forEach((n, i) => byColumn.set(n.depth, [...(byColumn.get(n.depth) ?? []), layouts[i]!]));
    expect(byColumn.size).toBe(3);
    for (const col of byColumn.values()) {
      expect(new Set(col.map((l) => l.x)).size).toBe(1);
      for (let k = 1; k < col.length; k++) expect(col[k]!.y).toBeGreaterThan(col[k - 1]!.y);
    }
    const xs = [...byColumn.keys()].sort().map((d) => byColumn.get(d)![0]!.x);
    expect(xs[0]).toBeLessThan(xs[1]!);
    expect(xs[1]).toBeLessThan(xs[2]!);
  });

  test('renders to SVG with period labels and node labels', () => {
    const { svg } = render(option);
    for (const label of ['2025-06', '2025-09', '2025-12', '私人银行 40', '新增 150', '流失 120', '大众 2,190', '未评级 20']) expect(svg).toContain(label);
    // A tier is named in the first and last columns; the columns between show its count alone.
    expect(svg).toContain('>2,150<');
    expect(svg).not.toContain('大众 2,150');
    expect(svg).toMatchSnapshot();
  });

  test('tooltip encodes tier labels for nodes and links', () => {
    const evil = tiers.map((t) => (t.id === 'vip' ? { ...t, label: { zh: EVIL, en: EVIL } } : t));
    const o = buildSankeyOption({ flows, tiers: evil, locale: 'en', title: 't' });
    const fmt = (o.tooltip as { formatter: Formatter }).formatter;
    const html = [
      ...flows.nodes.map((n) => fmt({ dataType: 'node', data: { name: n.id } })),
      ...flows.links.map((l) => fmt({ dataType: 'edge', data: l })),
    ].join('\n');
    expect(html).not.toContain('<img');
    expect(html).toContain(`2025-06 · ${escapeHtml(EVIL)}`);
    expect(fmt({ dataType: 'edge', data: { source: '2025-06-30|vip', target: '2025-09-30|private', value: 20 } })).toContain('Customers: 20 (6.3% of the source)');
  });
});
