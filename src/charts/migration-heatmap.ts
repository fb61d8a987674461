import type { CustomSeriesRenderItem, EChartsOption } from 'echarts';
import { GONE, movementTotals, NEW, rowShares, type TransitionMatrix } from '../analysis/migration';
import { formatAmount, formatCount, formatPeriod, formatShare, type Locale } from '../i18n/format';
import { t } from '../i18n/messages';
import type { TierDef } from '../schemes/types';
import { escapeHtml } from './escape';
import { FONT, firstParam, mixColor, textOn, tierLookup, titleBlock } from './shared';

export type MigrationMeasure = 'count' | 'rowShare' | 'amount';

export interface MigrationHeatmapInput {
  readonly matrix: TransitionMatrix;
  /** The tier order the matrix was built with (best first); judges up/down. */
  readonly tierOrder: readonly string[];
  /** Tier definitions, for labels. */
  readonly tiers: readonly TierDef[];
  /** Cell value: customers, share of the from-row's customers, or the cell's amount. */
  readonly measure: MigrationMeasure;
  readonly locale: Locale;
  readonly title: string;
  /** The two periods, shown in the axis names (e.g. 期初 2025-06 → 期末 2025-12). */
  readonly periods?: { readonly from: string; readonly to: string };
}

export type MoveKind = 'up' | 'down' | 'stay' | 'new' | 'gone';

/** Base colors of the move kinds; a cell's color goes from white to these with its value. */
export const MOVE_COLORS: Readonly<Record<MoveKind, string>> = {
  up: '#1a9850',
  down: '#d73027',
  stay: '#3a6fb0',
  new: '#8c8c8c',
  gone: '#8c8c8c',
};

/** Up = to a tier listed earlier; `(new)` rows and `(gone)` columns are their own kinds. */
export function moveKind(from: string, to: string, tierOrder: readonly string[]): MoveKind {
  if (from === NEW) return 'new';
  if (to === GONE) return 'gone';
  const i = tierOrder.indexOf(from);
  const j = tierOrder.indexOf(to);
  return j < i ? 'up' : j > i ? 'down' : 'stay';
}

/** Lightest shade a non-zero cell gets, so small cells stay visible. */
const MIN_INTENSITY = 0.14;

/**
 * Migration matrix as a heatmap: from-tiers (with `(new)`) down, to-tiers (with `(gone)`)
 * across. Each cell is colored by its kind — upgrade green, downgrade red, stay blue, new/gone
 * grey — with intensity by the square root of its value over the largest cell (each data item
 * carries its own `itemStyle.color`; no visualMap, which the heatmap series would require, so
 * the cells are a `custom` series on the two category axes). Zero cells are left empty. A line under the chart
 * explains the colors with the up/down/stay/new/gone customer totals.
 */
export function buildMigrationHeatmapOption(input: MigrationHeatmapInput): EChartsOption {
  const { matrix, tierOrder, measure, locale } = input;
  const tl = tierLookup(input.tiers, locale);
  const moves = movementTotals(matrix, tierOrder);
  const shares = rowShares(matrix);
  const values = measure === 'count' ? matrix.counts : measure === 'amount' ? matrix.amounts : shares;
  const fmt = (v: number): string => (measure === 'count' ? formatCount(v) : measure === 'amount' ? formatAmount(v, locale) : formatShare(v));
  let max = 0;
  for (const row of values) for (const v of row) if (v > max) max = v;

  const cells: { r: number; c: number; kind: MoveKind; text: string; textColor: string }[] = [];
  const data = matrix.rows.flatMap((from, r) =>
    matrix.cols.flatMap((to, c) => {
      const v = values[r]![c]!;
      if (!(v > 0)) return [];
      const kind = moveKind(from, to, tierOrder);
      const color = mixColor('#ffffff', MOVE_COLORS[kind], MIN_INTENSITY + (1 - MIN_INTENSITY) * Math.sqrt(v / max));
      cells.push({ r, c, kind, text: fmt(v), textColor: textOn(color) });
      return [{ value: [c, r, v] as [number, number, number], itemStyle: { color } }];
    }),
  );
  // ECharts' heatmap insists on a visualMap; a custom series draws the same cells with each
  // item's own color (its itemStyle) and the value written in the middle.
  const renderCell: CustomSeriesRenderItem = (params, api) => {
    const cell = cells[params.dataIndex];
    const [x = 0, y = 0] = api.coord([api.value(0), api.value(1)]);
    const size = api.size?.([1, 1]);
    const [w = 0, h = 0] = Array.isArray(size) ? size : [0, 0];
    return {
      type: 'rect',
      shape: { x: x - w / 2 + 1, y: y - h / 2 + 1, width: Math.max(0, w - 2), height: Math.max(0, h - 2), r: 2 },
      style: { fill: String(api.visual('color')) },
      textContent: { type: 'text', style: { text: cell?.text ?? '', fill: cell?.textColor ?? '#222', fontSize: FONT.label, overflow: 'truncate', width: Math.max(0, w - 4) } },
      textConfig: { position: 'inside' },
    };
  };

  const kindName: Record<MoveKind, string> = {
    up: t(locale, 'chartUp'),
    down: t(locale, 'chartDown'),
    stay: t(locale, 'chartStay'),
    new: t(locale, 'chartNew'),
    gone: t(locale, 'chartGone'),
  };
  const legendText = (['up', 'down', 'stay', 'new', 'gone'] as const)
    .map((k) => `{${k}|■} ${kindName[k]} ${formatCount(moves[k])}`)
    .join('    ');
  const fromName = t(locale, 'chartFromTier');
  const toName = t(locale, 'chartToTier');
  const period = (p: string | undefined) => (p === undefined ? '' : ` ${formatPeriod(p)}`);

  return {
    animation: false,
    title: [
      titleBlock(input.title),
      {
        text: legendText,
        left: 'center',
        bottom: 4,
        textStyle: {
          fontSize: FONT.label,
          fontWeight: 'normal',
          color: '#333',
          rich: Object.fromEntries((Object.keys(MOVE_COLORS) as MoveKind[]).map((k) => [k, { color: MOVE_COLORS[k], fontSize: 14 }])),
        },
      },
    ],
    grid: { left: 16, right: 32, top: 44, bottom: 40, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = firstParam<{ dataIndex: number }>(params);
        const cell = p === undefined ? undefined : cells[p.dataIndex];
        if (!cell) return '';
        const from = matrix.rows[cell.r]!;
        const to = matrix.cols[cell.c]!;
        const n = matrix.counts[cell.r]![cell.c]!;
        return [
          `<b>${tl.html(from)} → ${tl.html(to)}</b> (${escapeHtml(kindName[cell.kind])})`,
          `${escapeHtml(t(locale, 'chartCustomers'))}: ${formatCount(n)}`,
          `${escapeHtml(t(locale, 'chartShareOfFromTier'))}: ${from === NEW ? '—' : formatShare(shares[cell.r]![cell.c]!)}`,
          `${escapeHtml(t(locale, 'chartAmount'))}: ${formatAmount(matrix.amounts[cell.r]![cell.c]!, locale)}`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      position: 'top',
      data: matrix.cols.map((id) => tl.label(id)),
      name: `${toName}${period(input.periods?.to)}`,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { fontSize: FONT.axis, fontWeight: 'bold' },
      axisLabel: { fontSize: FONT.axis, interval: 0, width: 88, overflow: 'break', lineHeight: 14 },
      axisTick: { show: false },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: matrix.rows.map((id) => tl.label(id)),
      name: `${fromName}${period(input.periods?.from)}`,
      // Inverse axis: 'start' is the top, above the row labels (beside the column labels).
      nameLocation: 'start',
      nameGap: 8,
      nameTextStyle: { fontSize: FONT.axis, fontWeight: 'bold', align: 'right', verticalAlign: 'bottom' },
      axisLabel: { fontSize: FONT.axis, interval: 0, width: 120, overflow: 'break', lineHeight: 14 },
      axisTick: { show: false },
    },
    series: [
      {
        id: 'migration-cells',
        type: 'custom',
        name: input.title,
        renderItem: renderCell,
        encode: { x: 0, y: 1, tooltip: 2 },
        data,
      },
    ],
  };
}
