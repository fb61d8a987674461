import type { CustomSeriesRenderItem, EChartsOption } from 'echarts';
import { lowerBound, upperBound } from '../analysis/fast/bounds';
import { formatAmount, formatCount, formatShare, type Locale } from '../i18n/format';
import { t } from '../i18n/messages';
import type { TierDef } from '../schemes/types';
import { escapeHtml } from './escape';
import { FONT, LIGHT_GREY, countAxis, firstParam, tierLookup, titleBlock } from './shared';

const BAR_COLOR = '#5b7a99';

export interface HistogramBin {
  /** Lower edge (inclusive). */
  readonly lo: number;
  /** Upper edge (exclusive, except for the last bin, which holds the maximum). */
  readonly hi: number;
  readonly count: number;
}

export interface HistogramThreshold {
  /** The tier whose lower bound this is (the marker takes its color). */
  readonly tier: string;
  readonly value: number;
}

export interface HistogramInput {
  readonly bins: readonly HistogramBin[];
  readonly thresholds: readonly HistogramThreshold[];
  readonly tiers: readonly TierDef[];
  /** Logarithmic x axis (bins from `histogramBins(…, true)`); a bin with `hi ≤ 0` is drawn left of the first positive one, labelled ≤ 0. */
  readonly logX?: boolean;
  /** Name of the metric (e.g. 日均金融资产), the x axis name. */
  readonly metricLabel: string;
  readonly locale: Locale;
  readonly title: string;
}

/**
 * Bins ascending values with `binCount` binary searches (O(bins · log n)); the array is not
 * copied. Linear bins split [min, max] evenly. Log bins split [min positive, max] evenly in
 * log space; values ≤ 0 then go to one extra first bin `{ lo: min, hi: 0 }` (present only when
 * there are such values, and counted within `binCount`). Non-finite values at either end
 * (−∞ first; +∞ and NaN last, as a typed-array sort leaves them) are left out, so the counts
 * add up to the number of finite values. All values equal: one bin of width 1 around them.
 */
export function histogramBins(sortedValues: Float64Array, binCount: number, log: boolean): HistogramBin[] {
  if (!Number.isInteger(binCount) || binCount < 1) throw new RangeError(`histogramBins: binCount must be a positive integer, got ${binCount}`);
  let start = 0;
  let end = sortedValues.length;
  while (start < end && sortedValues[start] === -Infinity) start++;
  while (end > start && !Number.isFinite(sortedValues[end - 1]!)) end--;
  const v = sortedValues.subarray(start, end);
  const n = v.length;
  if (n === 0) return [];
  const bins: HistogramBin[] = [];
  let from = 0;
  let slots = binCount;
  if (log) {
    const nonPositive = upperBound(v, 0); // values ≤ 0
    if (nonPositive > 0) {
      bins.push({ lo: v[0]!, hi: 0, count: nonPositive });
      if (nonPositive === n) return bins;
      from = nonPositive;
      slots = Math.max(1, binCount - 1);
    }
  }
  const min = v[from]!;
  const max = v[n - 1]!;
  if (min === max) {
    bins.push({ lo: min - 0.5, hi: max + 0.5, count: n - from });
    return bins;
  }
  const edge = log
    ? (k: number) => (k === 0 ? min : k === slots ? max : Math.exp(Math.log(min) + ((Math.log(max) - Math.log(min)) * k) / slots))
    : (k: number) => (k === 0 ? min : k === slots ? max : min + ((max - min) * k) / slots);
  let below = from; // values before bin k's lower edge
  for (let k = 0; k < slots; k++) {
    const lo = edge(k);
    const hi = edge(k + 1);
    const upto = k === slots - 1 ? n : lowerBound(v, hi);
    bins.push({ lo, hi, count: upto - below });
    below = upto;
  }
  return bins;
}

/**
 * Histogram of a metric with the tier thresholds as vertical markers, each in the color of the
 * tier it starts and labelled with its value. Bars are drawn at their true edges (a `custom`
 * series on a value or log axis), so the markers sit exactly at the thresholds.
 */
export function buildHistogramOption(input: HistogramInput): EChartsOption {
  const { bins, thresholds, locale } = input;
  const tl = tierLookup(input.tiers, locale);
  const logX = input.logX === true;
  const total = bins.reduce((s, b) => s + b.count, 0);
  const fmt = (v: number) => formatAmount(v, locale);

  // On a log axis, a bin of values ≤ 0 is drawn one bin-width wide, a gap of half a bin left of
  // the first positive edge, and labelled ≤ 0.
  const positive = bins.filter((b) => b.hi > 0 && b.lo > 0);
  const firstPos = positive[0];
  const step = firstPos ? Math.max(firstPos.hi / firstPos.lo, 1.5) : 10;
  const drawn = bins.map((b) => {
    if (logX && !(b.lo > 0)) {
      const right = (firstPos ? firstPos.lo : 1) / Math.sqrt(step);
      return { lo: right / step, hi: right, nonPositive: true };
    }
    return { lo: b.lo, hi: b.hi, nonPositive: false };
  });
  const shown = thresholds.filter((t) => Number.isFinite(t.value) && (!logX || t.value > 0));
  const edges = [...drawn.flatMap((d) => [d.lo, d.hi]), ...shown.map((t) => t.value)];
  let xMin = edges.length > 0 ? Math.min(...edges) : logX ? 1 : 0;
  let xMax = edges.length > 0 ? Math.max(...edges) : logX ? 10 : 1;
  if (xMin === xMax) {
    xMin = logX ? xMin / 2 : xMin - 1;
    xMax = logX ? xMax * 2 : xMax + 1;
  }
  // A little room beyond the outermost edges so markers at the ends stay visible.
  if (logX) {
    xMin /= 1.15;
    xMax *= 1.15;
  } else {
    const pad = (xMax - xMin) * 0.02;
    xMin -= pad;
    xMax += pad;
  }

  const data = bins.map((b, i) => [drawn[i]!.lo, drawn[i]!.hi, 0, b.count]);
  const renderBar: CustomSeriesRenderItem = (params, api) => {
    const [left = 0, top = 0] = api.coord([api.value(0), api.value(3)]);
    const [right = 0, bottom = 0] = api.coord([api.value(1), api.value(2)]);
    const nonPositive = drawn[params.dataIndex]?.nonPositive === true;
    const bar = {
      type: 'rect' as const,
      shape: { x: left + 0.5, y: top, width: Math.max(1, right - left - 1), height: bottom - top },
      style: { fill: nonPositive ? LIGHT_GREY : BAR_COLOR },
    };
    if (!nonPositive) return bar;
    const text = { type: 'text' as const, style: { text: '≤ 0', x: (left + right) / 2, y: top - 4, align: 'center' as const, verticalAlign: 'bottom' as const, fontSize: FONT.label, fill: '#555' } };
    return { type: 'group', children: [bar, text] };
  };
  const binText = (i: number): string => {
    const b = bins[i]!;
    if (drawn[i]!.nonPositive) return '≤ 0';
    return `${fmt(b.lo)} – ${fmt(b.hi)}`;
  };

  return {
    animation: false,
    title: titleBlock(input.title, [t(locale, 'chartCustomerCount', { n: total }), ...(logX ? [t(locale, 'chartLogScale')] : [])].join(' · ')),
    grid: { left: 72, right: 48, top: 80, bottom: 56 },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = firstParam<{ dataIndex: number; componentType?: string }>(params);
        if (!p || p.componentType !== 'series' || bins[p.dataIndex] === undefined) return '';
        const b = bins[p.dataIndex]!;
        return [
          `<b>${escapeHtml(input.metricLabel)}</b>: ${binText(p.dataIndex)}`,
          `${escapeHtml(t(locale, 'chartCustomers'))}: ${formatCount(b.count)} (${formatShare(total > 0 ? b.count / total : 0)})`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: logX ? 'log' : 'value',
      min: xMin,
      max: xMax,
      name: input.metricLabel,
      nameLocation: 'middle',
      nameGap: 30,
      nameTextStyle: { fontSize: FONT.axis },
      axisLabel: { fontSize: FONT.axis, formatter: fmt, hideOverlap: true, showMinLabel: false, showMaxLabel: false },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: t(locale, 'chartCustomers'),
      nameTextStyle: { fontSize: FONT.axis },
      ...countAxis(),
    },
    series: [
      {
        id: 'histogram-bins',
        name: input.metricLabel,
        type: 'custom',
        renderItem: renderBar,
        encode: { x: [0, 1], y: [2, 3] },
        data,
        markLine: {
          silent: true,
          symbol: 'none',
          animation: false,
          // Each label runs up along its own line, so close thresholds never print over each
          // other at any chart width; a white halo keeps it legible over the bars.
          data: shown.map((t) => ({
            xAxis: t.value,
            lineStyle: { color: tl.color(t.tier), width: 2, type: 'solid' as const },
            label: {
              formatter: () => `${tl.label(t.tier)} ≥ ${fmt(t.value)}`,
              position: 'insideEndTop' as const,
              color: tl.color(t.tier),
              fontSize: FONT.label,
              fontWeight: 'bold' as const,
              textBorderColor: '#fff',
              textBorderWidth: 3,
              distance: 2,
            },
          })),
        },
      },
    ],
  };
}
