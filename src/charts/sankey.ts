import type { EChartsOption } from 'echarts';
import type { SankeyFlows } from '../analysis/migration';
import { formatCount, formatPeriod, formatShare, type Locale } from '../i18n/format';
import { t } from '../i18n/messages';
import type { TierDef } from '../schemes/types';
import { escapeHtml } from './escape';
import { FONT, firstParam, pseudoLabel, tierLookup, titleBlock } from './shared';

export interface SankeyInput {
  /** From `sankeyFlows`: nodes in their fixed order (period, then tier order, `(new)`, `(gone)`). */
  readonly flows: SankeyFlows;
  /** Tier definitions, for node colors and labels. */
  readonly tiers: readonly TierDef[];
  readonly locale: Locale;
  readonly title: string;
}

/**
 * Horizontal margins of the flow area (px); the period axis above uses the same. Labels sit right
 * of their nodes, so the right margin holds the last column's labels: pointing them inwards
 * instead ran them into the previous column's on a narrow (printed) chart.
 */
const LEFT = 36;
const RIGHT = 124;
const NODE_WIDTH = 16;

/**
 * Chained tier flows between periods. Nodes keep the order `sankeyFlows` gives them
 * (`layoutIterations: 0`, and each node's column fixed by `depth` = its period's position, so
 * a `(new)` node stays in its step's earlier period). Period names label the columns on a
 * bare category axis laid over the same width.
 */
export function buildSankeyOption(input: SankeyInput): EChartsOption {
  const { flows, locale } = input;
  const customers = escapeHtml(t(locale, 'chartCustomers'));
  const tl = tierLookup(input.tiers, locale);
  const periods = [...new Set(flows.nodes.map((n) => n.period))];
  const depthOf = new Map(periods.map((p, i) => [p, i]));
  const nodeById = new Map(flows.nodes.map((n) => [n.id, n]));
  const inflow = new Map<string, number>();
  const outflow = new Map<string, number>();
  for (const l of flows.links) {
    outflow.set(l.source, (outflow.get(l.source) ?? 0) + l.value);
    inflow.set(l.target, (inflow.get(l.target) ?? 0) + l.value);
  }
  const size = (id: string) => Math.max(inflow.get(id) ?? 0, outflow.get(id) ?? 0);
  const last = periods.length - 1;

  const data = flows.nodes.map((n) => {
    const depth = depthOf.get(n.period)!;
    return {
      name: n.id,
      depth,
      itemStyle: { color: tl.color(n.tier), borderWidth: 0 },
      // The last column's labels have the right margin to themselves; a longer one is cut there.
      ...(depth === last && { label: { width: RIGHT - 8, overflow: 'truncate' as const } }),
    };
  });
  // Rows keep their order across columns, so a tier is named in the first and last columns and
  // the columns between show its count: full names in every column ran into the next column's on
  // a narrow (printed) chart. Grey new/gone/unrated nodes keep their names (one grey for all).
  const nodeText = (id: string): string => {
    const n = nodeById.get(id);
    if (!n) return id;
    const depth = depthOf.get(n.period)!;
    const named = depth === 0 || depth === last || pseudoLabel(n.tier, locale) !== undefined || !input.tiers.some((t) => t.id === n.tier && t.id !== 'unrated');
    return named ? `${tl.label(n.tier)} ${formatCount(size(id))}` : formatCount(size(id));
  };
  const nodeHtml = (id: string): string => {
    const n = nodeById.get(id);
    return n ? `${escapeHtml(formatPeriod(n.period))} · ${tl.html(n.tier)}` : escapeHtml(id);
  };

  return {
    animation: false,
    title: titleBlock(input.title),
    // A bare axis carrying the period names over the node columns (no series uses it).
    grid: { left: LEFT + NODE_WIDTH / 2, right: RIGHT + NODE_WIDTH / 2, top: 62, height: 0, outerBoundsMode: 'none' },
    xAxis: {
      type: 'category',
      data: periods.map(formatPeriod),
      boundaryGap: false,
      position: 'top',
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { fontSize: FONT.axis + 1, fontWeight: 'bold', color: '#333', interval: 0, margin: 4 },
    },
    yAxis: { type: 'value', show: false },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = firstParam<{ dataType?: string; data?: { name?: string; source?: string; target?: string; value?: number } }>(params);
        if (!p?.data) return '';
        if (p.dataType === 'edge') {
          const { source = '', target = '', value = 0 } = p.data;
          const out = outflow.get(source) ?? 0;
          return [
            `${nodeHtml(source)} → ${nodeHtml(target)}`,
            `${customers}: ${formatCount(value)} (${escapeHtml(t(locale, 'chartOfSource', { share: formatShare(out > 0 ? value / out : 0) }))})`,
          ].join('<br/>');
        }
        const id = p.data.name ?? '';
        return `${nodeHtml(id)}<br/>${customers}: ${formatCount(size(id))}`;
      },
    },
    series: [
      {
        type: 'sankey',
        left: LEFT,
        right: RIGHT,
        top: 76,
        bottom: 16,
        nodeWidth: NODE_WIDTH,
        nodeGap: 10,
        layoutIterations: 0,
        nodeAlign: 'left',
        draggable: false,
        emphasis: { focus: 'adjacency' },
        label: { fontSize: FONT.label, color: '#222', formatter: (p: { name?: string }) => nodeText(p.name ?? '') },
        // Small neighbouring nodes would print their labels over each other; their tooltips remain.
        labelLayout: { hideOverlap: true },
        lineStyle: { color: 'source', opacity: 0.35, curveness: 0.5 },
        data,
        links: flows.links.map((l) => ({ source: l.source, target: l.target, value: l.value })),
      },
    ],
  };
}
