import type { EChartsOption } from 'echarts';
import type { PsiBand } from '../analysis/psi';
import type { SegmentComparison } from '../analysis/segments';
import { formatCount, formatShare, type Locale } from '../i18n/format';
import { t } from '../i18n/messages';
import type { TierDef } from '../schemes/types';
import { escapeHtml } from './escape';
import { formatPsi, psiBandLabel, PSI_BAND_COLORS } from './psi';
import { FONT, firstParam, swatch, tierLookup, titleBlock } from './shared';

export interface SegmentsChartInput {
  readonly comparison: SegmentComparison;
  readonly tiers: readonly TierDef[];
  /** A segment's name as shown (the data's value, or "(empty)"); user text, escaped in tooltips. */
  readonly valueText: (value: string | null) => string;
  readonly locale: Locale;
  readonly title: string;
  /** The chart's height in pixels (rows of panels are laid out in it). */
  readonly height: number;
}

/** Ids of a panel's bar series, so a click says which panel and tier: `seg|<panel>|<tier>` (panel 0 is the whole). */
export const segmentSeriesId = (panel: number, tier: string): string => `seg|${panel}|${tier}`;

/** The panel and tier of a bar series id (undefined for any other id). */
export function segmentOfSeriesId(id: string | undefined): { panel: number; tier: string } | undefined {
  const m = id === undefined ? null : /^seg\|(\d+)\|(.*)$/s.exec(id);
  return m ? { panel: Number(m[1]), tier: m[2]! } : undefined;
}

/** A share axis maximum: the largest share shown, up to the next 10 %. */
function shareMax(shares: number[]): number {
  const top = Math.max(0.1, ...shares);
  return Math.min(1, Math.ceil(top * 10 - 1e-9) / 10);
}

/**
 * Segments side by side: one small bar chart per segment (the whole first), each bar a tier's
 * share of the segment's customers in the tier's colour, every panel on the same share axis.
 * Up to five panels in a row; more fill two rows. Tiers no customer is in are left out.
 */
export function buildSegmentsOption(input: SegmentsChartInput): EChartsOption {
  const { comparison: c, locale } = input;
  const tl = tierLookup(input.tiers, locale);
  const panels = [
    { name: t(locale, 'chartSegmentsWhole'), customers: c.whole.customers, counts: c.whole.counts, psi: undefined as number | undefined, band: undefined as PsiBand | undefined },
    ...c.segments.map((s) => ({ name: input.valueText(s.value), customers: s.customers, counts: s.counts, psi: s.psi, band: s.band })),
  ];
  const shareOf = (p: (typeof panels)[number], i: number) => (p.customers > 0 ? p.counts[i]! / p.customers : 0);
  const shown = c.tiers.map((tier, i) => ({ tier, i })).filter(({ i }) => c.whole.counts[i]! > 0);
  const max = shareMax(panels.flatMap((p) => shown.map(({ i }) => shareOf(p, i))));
  const perRow = panels.length <= 5 ? panels.length : Math.ceil(panels.length / 2);
  const rows = Math.ceil(panels.length / perRow);
  // Across, percent of the chart (a left margin for the first panel's axis, a gutter between
  // panels); down, pixels of the chart's height: the title, each row's panel names, the legend.
  const left = 5;
  const right = 2;
  const gutter = 3;
  const width = (100 - left - right - gutter * (perRow - 1)) / perRow;
  const titleSpace = 40;
  const nameSpace = 44;
  const legendSpace = 36;
  const rowHeight = (input.height - titleSpace - legendSpace) / rows;
  const at = (k: number) => ({ col: k % perRow, row: Math.floor(k / perRow) });
  const gridOf = (k: number) => {
    const { col, row } = at(k);
    return { left: `${left + col * (width + gutter)}%`, top: titleSpace + row * rowHeight + nameSpace, width: `${width}%`, height: rowHeight - nameSpace - 8 };
  };
  const psiWord = 'PSI';
  const subtitleOf = (p: (typeof panels)[number]) =>
    [t(locale, 'chartCustomerCount', { n: p.customers }), ...(p.psi === undefined ? [] : [`${psiWord} ${formatPsi(p.psi)}`])].join(' · ');

  return {
    animation: false,
    title: [
      titleBlock(input.title),
      // Each panel's count and PSI over it (its name, which is data, is the axis above: `nameAxis`).
      ...panels.map((p, k) => {
        const g = gridOf(k);
        return {
          text: subtitleOf(p),
          left: `${parseFloat(g.left) + width / 2}%`,
          textAlign: 'center' as const,
          top: g.top - 22,
          textStyle: { fontSize: FONT.label - 1, fontWeight: 'normal' as const, color: p.band ? PSI_BAND_COLORS[p.band] : '#555' },
        };
      }),
    ],
    legend: { bottom: 0, data: shown.map(({ tier }) => tl.label(tier)), textStyle: { fontSize: FONT.label } },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = firstParam<{ seriesId?: string }>(params);
        const hit = segmentOfSeriesId(p?.seriesId);
        const panel = hit && panels[hit.panel];
        if (!hit || !panel) return '';
        const i = c.tiers.indexOf(hit.tier);
        const lines = [`<b>${escapeHtml(panel.name)}</b>`, `${swatch(tl.color(hit.tier))}${tl.html(hit.tier)}: ${formatCount(panel.counts[i] ?? 0)} (${formatShare(shareOf(panel, i))})`];
        if (panel.psi !== undefined && panel.band) lines.push(`PSI ${formatPsi(panel.psi)} · ${escapeHtml(psiBandLabel(panel.band, locale))}`);
        return lines.join('<br/>');
      },
    },
    grid: panels.map((_p, k) => gridOf(k)),
    xAxis: [
      ...panels.map((_p, k) => ({
        type: 'category' as const,
        gridIndex: k,
        data: shown.map(({ tier }) => tl.label(tier)),
        axisLabel: { show: false },
        axisTick: { show: false },
      })),
      // The panel's name above it, as the one category of an axis on top (a name is data).
      ...panels.map((p, k) => ({
        type: 'category' as const,
        gridIndex: k,
        position: 'top' as const,
        data: [p.name],
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { margin: 24, fontSize: FONT.label + 1, fontWeight: 'bold' as const, color: '#222', width: 200, overflow: 'truncate' as const },
      })),
    ],
    yAxis: panels.map((_p, k) => ({
      type: 'value' as const,
      gridIndex: k,
      min: 0,
      max,
      interval: max / 2,
      axisLabel: { show: at(k).col === 0, fontSize: FONT.axis - 1, formatter: (v: number) => formatShare(v) },
      splitLine: { lineStyle: { color: '#eee' } },
    })),
    series: panels.flatMap((p, k) =>
      shown.map(({ tier, i }, j) => ({
        id: segmentSeriesId(k, tier),
        name: tl.label(tier),
        type: 'bar' as const,
        xAxisIndex: k,
        yAxisIndex: k,
        // One bar per category and panel: stacked, so it sits centred rather than grouped.
        stack: `panel-${k}`,
        barWidth: '62%',
        itemStyle: { color: tl.color(tier) },
        label: { show: p.customers > 0, position: 'top' as const, fontSize: FONT.label - 1, color: '#333', formatter: () => formatShare(shareOf(p, i)) },
        data: shown.map((_s, m) => (m === j ? shareOf(p, i) : '-')),
      })),
    ),
  };
}
