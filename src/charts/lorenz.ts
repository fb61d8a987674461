import type { EChartsOption } from 'echarts';
import type { Curve } from '../analysis/concentration';
import { formatCount, formatDecimal, formatShare, type Locale } from '../i18n/format';
import { t } from '../i18n/messages';
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

/** Gini with three decimals (it is a ratio, not a percentage), cut: 0.9996 is 0.999, never 1.000. */
export function formatGini(g: number): string {
  return formatDecimal(g, 3, { pad: true });
}

/**
 * Concentration: the Lorenz curve under the equality diagonal (the gap between them is what
 * the Gini measures), optionally the Pareto curve, and a marker at the top-20% point. Gini and
 * the top-20% share are in the subtitle.
 */
export function buildLorenzOption(input: LorenzInput): EChartsOption {
  const { lorenz, pareto, locale } = input;
  const names = {
    lorenz: t(locale, 'chartLorenz'),
    pareto: t(locale, 'chartPareto'),
    equality: t(locale, 'chartEquality'),
  };
  const empty = lorenz.points.length === 0;
  const subtitle = empty
    ? t(locale, 'chartNoValidAmounts')
    : [
        t(locale, 'chartGini', { gini: formatGini(input.gini) }),
        t(locale, 'chartTopShareHeld', { share: formatShare(input.topShare) }),
        t(locale, 'chartCustomerCount', { n: lorenz.n }),
        ...(lorenz.excluded > 0 ? [t(locale, 'chartInvalidExcluded', { n: formatCount(lorenz.excluded) })] : []),
      ].join(' · ');
  // The top-20% point: on the Pareto curve at x = 0.2, else on the Lorenz curve at x = 0.8.
  const marker: [number, number] | undefined = empty || !Number.isFinite(input.topShare) ? undefined : pareto ? [0.2, input.topShare] : [0.8, 1 - input.topShare];
  const markerText = t(locale, 'chartTopShareMarker', { share: formatShare(input.topShare) });
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
        return `<b>${escapeHtml(name)}</b><br/>${escapeHtml(t(locale, 'chartCumulativeCustomersTip'))}: ${formatShare(x)}<br/>${escapeHtml(t(locale, 'chartCumulativeAmountTip'))}: ${formatShare(y)}`;
      },
    },
    xAxis: axis(t(locale, 'chartCumulativeCustomers')),
    yAxis: { ...axis(t(locale, 'chartCumulativeAmount')), nameGap: 48 },
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
