import type { EChartsOption } from 'echarts';
import type { Curve } from '../analysis/concentration';
import { formatCount, formatShare, type Locale } from '../i18n/format';
import { escapeHtml } from './escape';
import { FONT, GREY, firstParam, titleBlock } from './shared';

export interface LorenzInput {
  readonly lorenz: Curve;
  /** Optional Pareto curve (customers by amount descending), drawn on the same axes. */
  readonly pareto?: Curve;
  /** Gini coefficient (`gini(…).gini`); NaN without valid amounts. */
  readonly gini: number;
  /** Share held by the top 20% of customers (`topShare(…).share`). */
  readonly topShare: number;
  readonly locale: Locale;
  readonly title: string;
}

const LORENZ_COLOR = '#1f6fb2';
const PARETO_COLOR = '#c0392b';

/** Gini with three decimals (it is a ratio, not a percentage). */
export function formatGini(g: number): string {
  return Number.isFinite(g) ? g.toFixed(3) : '—';
}

/**
 * Concentration: the Lorenz curve under the equality diagonal (the gap between them is what
 * the Gini measures), optionally the Pareto curve, and a marker at the top-20% point. Gini and
 * the top-20% share are in the subtitle.
 */
export function buildLorenzOption(input: LorenzInput): EChartsOption {
  const { lorenz, pareto, locale } = input;
  const zh = locale === 'zh-CN';
  const names = {
    lorenz: zh ? '洛伦兹曲线' : 'Lorenz curve',
    pareto: zh ? '帕累托曲线' : 'Pareto curve',
    equality: zh ? '完全均等' : 'Equality',
  };
  const empty = lorenz.points.length === 0;
  const subtitle = empty
    ? zh
      ? '没有有效金额'
      : 'No valid amounts'
    : [
        `${zh ? '基尼系数' : 'Gini'} ${formatGini(input.gini)}`,
        `${zh ? '前20%客户占比' : 'Top 20% hold'} ${formatShare(input.topShare)}`,
        `${zh ? '客户' : 'Customers'} ${formatCount(lorenz.n)}`,
        ...(lorenz.excluded > 0 ? [`${zh ? '排除无效值' : 'invalid excluded'} ${formatCount(lorenz.excluded)}`] : []),
      ].join(' · ');
  // The top-20% point: on the Pareto curve at x = 0.2, else on the Lorenz curve at x = 0.8.
  const marker: [number, number] | undefined = empty || !Number.isFinite(input.topShare) ? undefined : pareto ? [0.2, input.topShare] : [0.8, 1 - input.topShare];
  const markerText = `${zh ? '前20%客户' : 'Top 20%'}: ${formatShare(input.topShare)}`;
  const axis = (name: string) => ({
    type: 'value' as const,
    min: 0,
    max: 1,
    interval: 0.2,
    name,
    nameLocation: 'middle' as const,
    nameGap: 36,
    nameTextStyle: { fontSize: FONT.axis },
    axisLabel: { fontSize: FONT.axis, formatter: (v: number) => formatShare(v) },
  });
  const seriesNames = [names.lorenz, ...(pareto ? [names.pareto] : []), names.equality];

  return {
    animation: false,
    title: titleBlock(input.title, subtitle),
    grid: { left: 72, right: 40, top: 80, bottom: 80 },
    legend: { bottom: 0, data: seriesNames, textStyle: { fontSize: FONT.label } },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = firstParam<{ seriesIndex?: number; value?: unknown; componentType?: string }>(params);
        if (!p || p.componentType !== 'series' || !Array.isArray(p.value)) return '';
        const [x, y] = p.value.map(Number) as [number, number];
        const name = seriesNames[p.seriesIndex ?? -1] ?? '';
        return `<b>${escapeHtml(name)}</b><br/>${zh ? '客户累计占比' : 'Customers (cumulative)'}: ${formatShare(x)}<br/>${zh ? '金额累计占比' : 'Amount (cumulative)'}: ${formatShare(y)}`;
      },
    },
    xAxis: axis(zh ? '客户累计占比' : 'Cumulative share of customers'),
    yAxis: { ...axis(zh ? '金额累计占比' : 'Cumulative share of amount'), nameGap: 48 },
    series: [
      {
        name: names.lorenz,
        type: 'line',
        data: lorenz.points.map((p) => [p.x, p.y]),
        showSymbol: false,
        lineStyle: { color: LORENZ_COLOR, width: 2.5 },
        itemStyle: { color: LORENZ_COLOR },
        areaStyle: { color: LORENZ_COLOR, opacity: 0.12 },
        ...(marker && !pareto ? { markPoint: markerAt(marker, markerText, LORENZ_COLOR, 'top') } : {}),
      },
      ...(pareto
        ? [
            {
              name: names.pareto,
              type: 'line' as const,
              data: pareto.points.map((p) => [p.x, p.y]),
              showSymbol: false,
              lineStyle: { color: PARETO_COLOR, width: 2 },
              itemStyle: { color: PARETO_COLOR },
              ...(marker ? { markPoint: markerAt(marker, markerText, PARETO_COLOR, 'bottom') } : {}),
            },
          ]
        : []),
      {
        name: names.equality,
        type: 'line',
        data: [
          [0, 0],
          [1, 1],
        ],
        showSymbol: false,
        silent: true,
        lineStyle: { color: GREY, type: 'dashed', width: 1.5 },
        itemStyle: { color: GREY },
      },
    ],
  };
}

function markerAt(coord: [number, number], text: string, color: string, position: 'top' | 'bottom') {
  return {
    silent: true,
    symbol: 'circle',
    symbolSize: 9,
    itemStyle: { color },
    label: { show: true, position, distance: 8, formatter: () => text, fontSize: FONT.label, color: '#222', fontWeight: 'bold' as const },
    data: [{ name: text, coord }],
  };
}
