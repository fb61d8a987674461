import type { CustomSeriesRenderItem, EChartsOption } from 'echarts';
import { formatAmount, formatCount, formatShare, type Locale } from '../i18n/format';
import { t } from '../i18n/messages';
import type { TierDef } from '../schemes/types';
import { escapeHtml } from './escape';
import { FONT, firstParam, tierLookup, titleBlock } from './shared';

export interface QuadrantAxis {
  /** Axis name (from the scheme: plain text on the chart, escaped in tooltips). */
  readonly label: string;
  /** The cut: `h` = at or above it. */
  readonly cut: number;
  /**
   * The data's full range (with the cut). The range shown is narrower when a few outliers
   * would stretch it: see {@link quadrantExtents}.
   */
  readonly min: number;
  readonly max: number;
}

export interface QuadrantPoint {
  readonly x: number;
  readonly y: number;
  readonly tier: string;
  /** Customer name or id, shown in the tooltip (escaped). */
  readonly name?: string;
}

/**
 * Binned customers for big data: `counts[i][j]` = customers with x in
 * `[xEdges[i], xEdges[i + 1])` and y in `[yEdges[j], yEdges[j + 1])` (x index first).
 */
export interface QuadrantDensity {
  readonly xEdges: readonly number[];
  readonly yEdges: readonly number[];
  readonly counts: readonly (readonly number[])[];
}

/** `hh` = x ≥ cut and y ≥ cut; `lh` = x below, y at or above (as in a quadrant scheme). */
export interface QuadrantCells<T> {
  readonly hh: T;
  readonly lh: T;
  readonly hl: T;
  readonly ll: T;
}

export interface QuadrantInput {
  readonly x: QuadrantAxis;
  readonly y: QuadrantAxis;
  /** At most {@link QUADRANT_MAX_POINTS} customers, drawn as a scatter colored by tier. */
  readonly points?: readonly QuadrantPoint[];
  /** For more customers than that: a density layer (gray cells, darker = more customers). */
  readonly density?: QuadrantDensity;
  /** Tier id of each quadrant (a quadrant scheme's `cells`). */
  readonly cells: QuadrantCells<string>;
  /** Customers per quadrant (e.g. `QuadrantIndex` counts); `unrated` = x or y missing. */
  readonly counts: QuadrantCells<number> & { readonly unrated?: number };
  readonly tiers: readonly TierDef[];
  readonly locale: Locale;
  readonly title: string;
}

export const QUADRANT_MAX_POINTS = 5000;

/**
 * Ids a UI uses to find and extend the chart. The cut lines are `markLine`s of the series with
 * id `series`; its data items are named `x` and `y`.
 *
 * Draggable cuts live in the component, not here (builders stay pure). After `setOption`, add
 * two `graphic` elements with ids `dragX` / `dragY` over the lines, e.g. for x:
 *
 * ```ts
 * const [px] = chart.convertToPixel({ gridIndex: 0 }, [cutX, cutY]);
 * chart.setOption({ graphic: [{
 *   id: QUADRANT_CUT_IDS.dragX, type: 'rect', draggable: 'horizontal', cursor: 'ew-resize', z: 100,
 *   x: px, shape: { x: -5, y: QUADRANT_GRID.top, width: 10, height: chart.getHeight() - QUADRANT_GRID.top - QUADRANT_GRID.bottom },
 *   style: { fill: 'rgba(0,0,0,0)' },
 *   ondrag() { const [v] = chart.convertFromPixel({ gridIndex: 0 }, [this.x, 0]); preview(v); },
 *   ondragend() { commit(); },   // rebuild the option with the new cut (counts re-queried)
 * }] });
 * ```
 *
 * (needs `GraphicComponent` registered; re-place the handles on `resize` and after each
 * `setOption` with `notMerge`, which drops them).
 */
export const QUADRANT_CUT_IDS = {
  series: 'quadrant-cuts',
  x: 'quadrant-cut-x',
  y: 'quadrant-cut-y',
  density: 'quadrant-density',
  dragX: 'quadrant-drag-x',
  dragY: 'quadrant-drag-y',
  /** The second title: how many customers lie outside the range shown. */
  outside: 'quadrant-outside',
} as const;

/** Grid margins in px (fixed, so a UI can place drag handles over the plot area). */
export const QUADRANT_GRID = { left: 84, right: 72, top: 92, bottom: 72 } as const;

/**
 * Shades of the density layer. The cells of one shade are drawn as one path: a custom series
 * re-renders every item on every `setOption`, and one item per cell (up to 60 × 40) cost
 * 20–30 ms of each cut-line drag step in Chromium here, against about 6 ms without the layer.
 */
export const DENSITY_STEPS = 12;

const CUT_COLOR = '#333';
const DENSITY_COLOR = '#37474f';

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The range an axis shows: nice ends, and the tick step between them. */
export interface AxisExtent {
  readonly min: number;
  readonly max: number;
  readonly interval: number;
}

/** Axis ranges shown and how many customers lie outside them (`approximate` for a density). */
export interface QuadrantExtents {
  readonly x: AxisExtent;
  readonly y: AxisExtent;
  readonly outside: number;
  readonly approximate: boolean;
}

/** Beyond the 1st/99th percentile, a tail longer than this share of the range between them is cut off. */
const TAIL = 0.5;

/** 1, 2, 2.5 or 5 × 10^k at or above `raw`. */
function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

// Tick multiples without float noise (0.30000000000000004 would print cut to 0.3, but 2999.9999 as 2999.99).
const tidy = (v: number) => Number(v.toPrecision(12));

/** [lo, hi] widened to multiples of a nice step (about five ticks), never below 0 for data that is not. */
function niceExtent(lo: number, hi: number): AxisExtent {
  if (!(hi > lo)) {
    const half = Math.abs(lo) * 0.1 || 1;
    return niceExtent(lo >= 0 ? Math.max(0, lo - half) : lo - half, hi + half);
  }
  // Four to seven intervals, whichever step wastes the least room beyond the data.
  let best: AxisExtent | undefined;
  for (const n of [5, 4, 6, 7]) {
    const step = niceStep((hi - lo) / n);
    const e = { min: tidy(Math.floor(lo / step) * step), max: tidy(Math.ceil(hi / step) * step), interval: step };
    if (!best || e.max - e.min < best.max - best.min) best = e;
  }
  return best!;
}

/**
 * The robust part of one axis from weighted values (ascending): the 1st–99th percentile, kept out
 * to the extreme values unless a tail would stretch the axis by more than half that range (one
 * outlier at −2555万 must not squeeze every other customer onto the cut line).
 */
function robustRange(values: readonly number[], weights: readonly number[]): [number, number] | undefined {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return undefined;
  // Rank-based: the values at ranks ⌈1%·(n−1)⌉ and ⌊99%·(n−1)⌋, so a sample of ten already leaves its two ends to the tail rule.
  const at = (rank: number) => {
    let seen = 0;
    for (let i = 0; i < values.length; i++) {
      seen += weights[i]!;
      if (seen > rank) return values[i]!;
    }
    return values[values.length - 1]!;
  };
  const first = values[weights.findIndex((w) => w > 0)]!;
  const last = values[weights.length - 1 - [...weights].reverse().findIndex((w) => w > 0)]!;
  const p01 = at(Math.ceil(0.01 * (total - 1)));
  const p99 = at(Math.floor(0.99 * (total - 1)));
  const span = p99 - p01;
  return [first >= p01 - TAIL * span ? first : p01, last <= p99 + TAIL * span ? last : p99];
}

/**
 * The ranges the quadrant chart shows: robust (see `robustRange`) over the points, or over the
 * density's cells (by their edges, so approximate), within the given data range, always with the
 * cut, widened to nice ticks. Exported so a UI placing drag handles uses the same ranges.
 */
export function quadrantExtents(input: Pick<QuadrantInput, 'x' | 'y' | 'points' | 'density'>): QuadrantExtents {
  const { x, y } = input;
  const points = input.points ?? [];
  const density = input.density;
  let xr: [number, number] | undefined;
  let yr: [number, number] | undefined;
  if (points.length > 0) {
    const sorted = (v: number[]) => v.sort((a, b) => a - b);
    const ones = points.map(() => 1);
    xr = robustRange(sorted(points.map((p) => p.x)), ones);
    yr = robustRange(sorted(points.map((p) => p.y)), ones);
  } else if (density) {
    // Marginal counts per column and row, inside the given range; a column stands for its lower
    // edge in the low tail and its upper edge in the high tail.
    const inX = (i: number) => density.xEdges[i]! < x.max && density.xEdges[i + 1]! > x.min;
    const inY = (j: number) => density.yEdges[j]! < y.max && density.yEdges[j + 1]! > y.min;
    const cols = density.counts.map((col, i) => (inX(i) ? col.reduce((s, n, j) => s + (inY(j) && n > 0 ? n : 0), 0) : 0));
    const rows = density.yEdges.slice(0, -1).map((_, j) => (inY(j) ? density.counts.reduce((s, col, i) => s + (inX(i) && (col[j] ?? 0) > 0 ? col[j]! : 0), 0) : 0));
    const edgeRange = (edges: readonly number[], w: readonly number[]): [number, number] | undefined => {
      const lo = robustRange(edges.slice(0, -1), w);
      const hi = robustRange(edges.slice(1), w);
      return lo && hi ? [lo[0], hi[1]] : undefined;
    };
    xr = edgeRange(density.xEdges, cols);
    yr = edgeRange(density.yEdges, rows);
  }
  const fit = (axis: QuadrantAxis, r: [number, number] | undefined): AxisExtent => {
    const [lo, hi] = r ?? [axis.min, axis.max];
    return niceExtent(Math.min(Math.max(lo, axis.min), axis.cut), Math.max(Math.min(hi, axis.max), axis.cut));
  };
  const ex = fit(x, xr);
  const ey = fit(y, yr);
  const out = (px: number, py: number) => px < ex.min || px > ex.max || py < ey.min || py > ey.max;
  let outside = 0;
  if (points.length > 0) {
    for (const p of points) if (out(p.x, p.y)) outside++;
  } else if (density) {
    density.counts.forEach((col, i) =>
      col.forEach((n, j) => {
        const cx = (density.xEdges[i]! + density.xEdges[i + 1]!) / 2;
        const cy = (density.yEdges[j]! + density.yEdges[j + 1]!) / 2;
        if (n > 0 && out(cx, cy)) outside += n;
      }),
    );
  }
  return { x: ex, y: ey, outside, approximate: points.length === 0 };
}

/**
 * Two-axis quadrant chart: customers as a scatter (colored by tier) or a density layer, the
 * two cuts as labelled lines, and each quadrant lightly shaded in its tier's color with its
 * name, customers and share written in its outer corner.
 */
export function buildQuadrantOption(input: QuadrantInput): EChartsOption {
  const { x, y, cells, counts, locale } = input;
  const tl = tierLookup(input.tiers, locale);
  const points = input.points ?? [];
  if (points.length > QUADRANT_MAX_POINTS) {
    throw new RangeError(`Quadrant chart: ${points.length} points, at most ${QUADRANT_MAX_POINTS} (pass a density instead)`);
  }
  if (!(x.min < x.max) || !(y.min < y.max)) throw new RangeError('Quadrant chart: each axis needs min < max');
  const total = counts.hh + counts.lh + counts.hl + counts.ll;
  const extents = quadrantExtents(input);
  // Everything below draws in the range shown, not the data's full range.
  const X = extents.x;
  const Y = extents.y;
  const cx = clamp(x.cut, X.min, X.max);
  const cy = clamp(y.cut, Y.min, Y.max);
  const fmtX = (v: number) => formatAmount(v, locale);
  const fmtY = (v: number) => formatAmount(v, locale);

  const cornerText = (k: keyof QuadrantCells<string>) => `${tl.label(cells[k])}\n${formatCount(counts[k])} (${formatShare(total > 0 ? counts[k] / total : 0)})`;
  // [x range, y range, label position] of each quadrant; the label sits in the outer corner.
  const quads = {
    hh: [[cx, X.max], [cy, Y.max], 'insideTopRight'],
    lh: [[X.min, cx], [cy, Y.max], 'insideTopLeft'],
    hl: [[cx, X.max], [Y.min, cy], 'insideBottomRight'],
    ll: [[X.min, cx], [Y.min, cy], 'insideBottomLeft'],
  } as const;
  const areas = (Object.keys(quads) as (keyof typeof quads)[]).map((k) => {
    const [[x0, x1], [y0, y1], position] = quads[k];
    return [
      {
        name: cornerText(k),
        xAxis: x0,
        yAxis: y0,
        itemStyle: { color: tl.color(cells[k]), opacity: 0.07 },
        label: {
          // A function, so braces in a tier label are not read as a template.
          formatter: () => cornerText(k),
          position,
          fontSize: FONT.label + 1,
          fontWeight: 'bold' as const,
          color: tl.color(cells[k]),
          lineHeight: 18,
          distance: 6,
          backgroundColor: 'rgba(255,255,255,0.85)',
          padding: [2, 4],
          borderRadius: 3,
        },
      },
      { xAxis: x1, yAxis: y1 },
    ];
  });

  // Density layer: the non-empty cells, clipped to the axis ranges, grouped by shade; within a
  // shade, cells stacked in one column are merged into one rectangle (fewer subpaths to draw).
  const density = input.density;
  const shades = new Map<number, { rects: [number, number, number, number][]; cells: number; fewest: number; most: number }>();
  if (density) {
    const clipped: [number, number, number, number, number][] = [];
    density.counts.forEach((col, i) => {
      col.forEach((n, j) => {
        if (!(n > 0)) return;
        const x0 = density.xEdges[i];
        const x1 = density.xEdges[i + 1];
        const y0 = density.yEdges[j];
        const y1 = density.yEdges[j + 1];
        if (x0 === undefined || x1 === undefined || y0 === undefined || y1 === undefined) return;
        const a = clamp(x0, X.min, X.max);
        const b = clamp(x1, X.min, X.max);
        const c = clamp(y0, Y.min, Y.max);
        const d = clamp(y1, Y.min, Y.max);
        if (a < b && c < d) clipped.push([a, b, c, d, n]);
      });
    });
    const densityMax = clipped.reduce((m, d) => Math.max(m, d[4]), 0);
    for (const [a, b, c, d, n] of clipped) {
      const step = Math.max(1, Math.ceil(Math.sqrt(n / densityMax) * DENSITY_STEPS));
      let shade = shades.get(step);
      if (!shade) shades.set(step, (shade = { rects: [], cells: 0, fewest: n, most: n }));
      shade.cells++;
      shade.fewest = Math.min(shade.fewest, n);
      shade.most = Math.max(shade.most, n);
      const last = shade.rects[shade.rects.length - 1];
      if (last && last[0] === a && last[1] === b && last[3] === c) last[3] = d;
      else shade.rects.push([a, b, c, d]);
    }
  }
  // One data item per shade, lightest first: [X.min, Y.min, step] (the step picks the shade).
  const steps = [...shades.keys()].sort((p, q) => p - q);
  const densityData = steps.map((step) => [X.min, Y.min, step]);
  const renderShade: CustomSeriesRenderItem = (_params, api) => {
    const step = Number(api.value(2));
    // Both axes are linear: two points give the pixel mapping for every edge. Whole pixels, so
    // neighbouring rectangles meet without a seam.
    const [px0 = 0, py0 = 0] = api.coord([X.min, Y.min]);
    const [px1 = 0, py1 = 0] = api.coord([X.max, Y.max]);
    const sx = (px1 - px0) / (X.max - X.min);
    const sy = (py1 - py0) / (Y.max - Y.min);
    const px = (v: number) => Math.round(px0 + (v - X.min) * sx);
    const py = (v: number) => Math.round(py0 + (v - Y.min) * sy);
    let path = '';
    for (const [a, b, c, d] of shades.get(step)?.rects ?? []) path += `M${px(a)} ${py(d)}H${px(b)}V${py(c)}H${px(a)}`;
    return { type: 'path', shape: { pathData: path }, style: { fill: DENSITY_COLOR, opacity: 0.08 + (0.72 * step) / DENSITY_STEPS } };
  };

  const pointTiers = [...new Set(points.map((p) => p.tier))];
  const order = new Map(input.tiers.map((t, i) => [t.id, i]));
  pointTiers.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
  const scatter = pointTiers.map((tier) => {
    const own = points.filter((p) => p.tier === tier);
    return {
      id: `quadrant-points-${tier}`,
      name: tl.label(tier),
      type: 'scatter' as const,
      symbolSize: points.length > 1000 ? 4 : 7,
      large: points.length > 2000,
      itemStyle: { color: tl.color(tier), opacity: 0.75 },
      data: own.map((p) => [p.x, p.y]),
    };
  });
  // The points of each scatter series, so the tooltip can name a customer (names never go into ECharts data).
  const scatterPoints = pointTiers.map((tier) => points.filter((p) => p.tier === tier));

  const cutWord = t(locale, 'chartCut');
  const unrated = counts.unrated ?? 0;
  const subtitle = [
    t(locale, 'chartCustomerCount', { n: total }),
    ...(unrated > 0 ? [t(locale, 'chartMissingXY', { n: formatCount(unrated) })] : []),
    t(locale, 'chartAxisCut', { axis: x.label, value: fmtX(x.cut) }),
    t(locale, 'chartAxisCut', { axis: y.label, value: fmtY(y.cut) }),
  ].join(' · ');
  // Always present (empty when every customer is in range), so an update clears an old note.
  const outsideNote = extents.outside > 0 ? t(locale, extents.approximate ? 'chartOutsideAbout' : 'chartOutside', { n: extents.outside }) : '';

  return {
    animation: false,
    title: [
      titleBlock(input.title, subtitle),
      { id: QUADRANT_CUT_IDS.outside, text: outsideNote, right: QUADRANT_GRID.right, top: QUADRANT_GRID.top - 26, textStyle: { fontSize: FONT.label, fontWeight: 'normal', color: '#666' } },
    ],
    grid: { ...QUADRANT_GRID },
    ...(scatter.length > 0 ? { legend: { bottom: 0, data: scatter.map((s) => s.name), textStyle: { fontSize: FONT.label } } } : {}),
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = firstParam<{ seriesId?: string; seriesIndex?: number; dataIndex: number; componentType?: string }>(params);
        if (!p || p.componentType !== 'series') return '';
        if (p.seriesId === QUADRANT_CUT_IDS.density) {
          const shade = shades.get(steps[p.dataIndex] ?? NaN);
          if (!shade) return '';
          const range = shade.fewest === shade.most ? formatCount(shade.most) : `${formatCount(shade.fewest)} – ${formatCount(shade.most)}`;
          return `${escapeHtml(t(locale, 'chartPerCell', { range }))}<br/>${escapeHtml(t(locale, 'chartShadeCells', { n: shade.cells }))}`;
        }
        const k = scatter.findIndex((s) => s.id === p.seriesId);
        const pt = scatterPoints[k]?.[p.dataIndex];
        if (!pt) return '';
        return [
          ...(pt.name === undefined ? [] : [`<b>${escapeHtml(pt.name)}</b>`]),
          `${tl.html(pt.tier)}`,
          `${escapeHtml(x.label)}: ${fmtX(pt.x)}`,
          `${escapeHtml(y.label)}: ${fmtY(pt.y)}`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      min: X.min,
      max: X.max,
      interval: X.interval,
      name: x.label,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { fontSize: FONT.axis },
      axisLabel: { fontSize: FONT.axis, formatter: fmtX, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: Y.min,
      max: Y.max,
      interval: Y.interval,
      name: y.label,
      nameLocation: 'end',
      nameTextStyle: { fontSize: FONT.axis, align: 'left' },
      axisLabel: { fontSize: FONT.axis, formatter: fmtY, hideOverlap: true },
      splitLine: { show: false },
    },
    series: [
      ...(densityData.length > 0
        ? [
            {
              id: QUADRANT_CUT_IDS.density,
              name: t(locale, 'chartDensity'),
              type: 'custom' as const,
              renderItem: renderShade,
              encode: { x: 0, y: 1 },
              data: densityData,
              z: 1,
            },
          ]
        : []),
      ...scatter.map((s) => ({ ...s, z: 3 })),
      {
        id: QUADRANT_CUT_IDS.series,
        name: t(locale, 'chartCuts'),
        type: 'line' as const,
        data: [],
        z: 4,
        markArea: { silent: true, data: areas as never },
        markLine: {
          silent: true,
          symbol: 'none',
          animation: false,
          lineStyle: { color: CUT_COLOR, type: 'dashed', width: 1.5 },
          label: { fontSize: FONT.label, color: CUT_COLOR, fontWeight: 'bold' },
          data: [
            { name: QUADRANT_CUT_IDS.x, xAxis: x.cut, label: { formatter: () => `${cutWord} ${fmtX(x.cut)}`, position: 'end' } },
            { name: QUADRANT_CUT_IDS.y, yAxis: y.cut, label: { formatter: () => `${cutWord}\n${fmtY(y.cut)}`, position: 'end' } },
          ],
        },
      },
    ],
  };
}
