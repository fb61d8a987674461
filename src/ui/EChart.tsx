import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import * as echarts from 'echarts/core';
import { PieChart } from 'echarts/charts';
import { DatasetComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { FIRST_CHART_MARK } from '../app/first-chart';
import { CHART_EXTENSIONS } from '../charts/register';
import { trackChart } from './print-layout';

echarts.use([...CHART_EXTENSIONS, PieChart, DatasetComponent, VisualMapComponent, CanvasRenderer, SVGRenderer]);

/** The chart's element, carrying its live option for tests (see test/e2e/language.test.ts). */
export type ChartHost = HTMLDivElement & {
  tierlensOption?: () => unknown;
  tierlensToPixel?: (finder: object, value: unknown) => number[];
  tierlensEdgeAt?: (seriesIndex: number, edgeIndex: number) => number[] | undefined;
};

interface Box {
  x: number;
  y: number;
  dx: number;
  dy: number;
}
interface SankeySeries {
  layoutInfo: { x: number; y: number };
  getGraph: () => { getEdgeByIndex: (i: number) => { node1: { getLayout: () => Box }; node2: { getLayout: () => Box }; getLayout: () => { dy: number; sy: number; ty: number } } | undefined };
}
/** The middle of a Sankey link as laid out: between its ends at the two nodes, in the chart's pixels. */
function edgeMiddle(c: echarts.ECharts, seriesIndex: number, edgeIndex: number): number[] | undefined {
  const series = (c as unknown as { getModel: () => { getSeriesByIndex: (i: number) => SankeySeries | undefined } }).getModel().getSeriesByIndex(seriesIndex);
  const edge = series?.getGraph().getEdgeByIndex(edgeIndex);
  if (!series || !edge) return undefined;
  const a = edge.node1.getLayout();
  const b = edge.node2.getLayout();
  const e = edge.getLayout();
  const x = (a.x + a.dx + b.x) / 2;
  const y = (a.y + e.sy + b.y + e.ty + e.dy) / 2;
  return [series.layoutInfo.x + x, series.layoutInfo.y + y];
}

/** Set once: every later paint (a slider drag repaints on every step) skips the mark. */
let firstChartMarked = false;

export interface EChartHandle {
  /** PNG at twice the screen resolution, as a data URL (for slides and reports). */
  png(): string;
  /** The same chart rendered as SVG text (vector, for print). */
  svg(): string;
  instance(): echarts.ECharts | null;
}

interface Props {
  option: EChartsOption;
  label: string;
  height?: number;
  /** Called after every render with the live chart (e.g. to attach draggable cut lines). */
  onRendered?: (chart: echarts.ECharts) => void;
  /**
   * Components replaced on update; others (e.g. draggable `graphic` lines) are kept. Without it
   * each update replaces the whole option.
   */
  replaceMerge?: string[];
  /** A click on a chart element (a bar, a cell), with what ECharts says of it. */
  onClick?: (params: echarts.ECElementEvent) => void;
}

/**
 * Components whose lists are replaced on an update of the same shape; the others (title,
 * legend, grid, tooltip) are merged, so their views — the tooltip's DOM above all, whose
 * re-creation forces a page layout — are kept instead of rebuilt on every threshold move.
 */
const MERGED_BY_REPLACING = ['series', 'xAxis', 'yAxis', 'visualMap', 'dataset', 'graphic', 'dataZoom', 'radar', 'polar', 'angleAxis', 'radiusAxis'];

/** Top-level components and series types: an update of another shape starts from scratch. */
function shapeOf(option: EChartsOption): string {
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  return `${Object.keys(option).sort().join(',')}|${series.map((s) => s.type).join(',')}`;
}

/** Renders an option built by a pure builder in `charts/`; knows nothing about the data. */
export const EChart = forwardRef<EChartHandle, Props>(function EChart({ option, label, height = 360, onRendered, replaceMerge, onClick }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef({ option, onRendered, onClick });
  latest.current = { option, onRendered, onClick };

  useImperativeHandle(ref, () => ({
    png: () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) ?? '',
    svg: () => {
      const el = host.current;
      const svgChart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: el?.clientWidth || 960, height: el?.clientHeight || height });
      svgChart.setOption(latest.current.option);
      const text = svgChart.renderToSVGString();
      svgChart.dispose();
      return text;
    },
    instance: () => chart.current,
  }));

  useEffect(() => {
    const el = host.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    // A canvas cannot be read as text: tests read what a chart says from its option.
    (el as ChartHost).tierlensOption = () => c.getOption();
    // …nor says where a bar or a cell is: tests click them where the chart puts them.
    (el as ChartHost).tierlensToPixel = (finder, value) => c.convertToPixel(finder as never, value as never) as unknown as number[];
    (el as ChartHost).tierlensEdgeAt = (series, edge) => edgeMiddle(c, series, edge);
    // Lets tests and screenshots wait for the paint instead of guessing a delay.
    c.on('finished', () => {
      el.setAttribute('data-rendered', 'true');
      // Counted so benchmarks and tests can wait for "this chart repainted".
      el.dataset.renderCount = String(Number(el.dataset.renderCount ?? 0) + 1);
      const w = window as unknown as { __tierlensFirstView?: number };
      if (w.__tierlensFirstView === undefined && el.closest('[data-cell="tiers"]')) w.__tierlensFirstView = performance.now();
      // The page's first chart: work held back for it (main.tsx) may start.
      if (!firstChartMarked) {
        firstChartMarked = true;
        performance.mark(FIRST_CHART_MARK);
      }
      latest.current.onRendered?.(c);
    });
    // Read through `latest`, so a new handler needs no re-subscription.
    c.on('click', (params) => latest.current.onClick?.(params as echarts.ECElementEvent));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    const untrack = trackChart(c);
    return () => {
      untrack();
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  const shape = useRef('');
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    host.current?.setAttribute('data-rendered', 'false');
    const next = shapeOf(option);
    const started = performance.now();
    if (replaceMerge) c.setOption(option, { replaceMerge });
    else if (next === shape.current) c.setOption(option, { replaceMerge: MERGED_BY_REPLACING.filter((k) => k in option) });
    else c.setOption(option, { notMerge: true });
    shape.current = next;
    // ECharts updates and paints inside setOption; its cost per chart is what benchmarks report.
    if (host.current) host.current.dataset.setOptionMs = (performance.now() - started).toFixed(2);
    // replaceMerge is fixed per chart kind; only a new option re-renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [option]);

  return <div ref={host} className="chart" role="img" aria-label={label} style={{ height }} />;
});
