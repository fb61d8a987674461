import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import * as echarts from 'echarts/core';
import { PieChart } from 'echarts/charts';
import { DatasetComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { CHART_EXTENSIONS } from '../charts/register';

echarts.use([...CHART_EXTENSIONS, PieChart, DatasetComponent, VisualMapComponent, CanvasRenderer, SVGRenderer]);

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
}

/** Renders an option built by a pure builder in `charts/`; knows nothing about the data. */
export const EChart = forwardRef<EChartHandle, Props>(function EChart({ option, label, height = 360, onRendered, replaceMerge }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef({ option, onRendered });
  latest.current = { option, onRendered };

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
    // Lets tests and screenshots wait for the paint instead of guessing a delay.
    c.on('finished', () => {
      el.setAttribute('data-rendered', 'true');
      // Counted so benchmarks and tests can wait for "this chart repainted".
      el.dataset.renderCount = String(Number(el.dataset.renderCount ?? 0) + 1);
      const w = window as unknown as { __tierlensFirstView?: number };
      if (w.__tierlensFirstView === undefined && el.closest('[data-cell="tiers"]')) w.__tierlensFirstView = performance.now();
      latest.current.onRendered?.(c);
    });
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    host.current?.setAttribute('data-rendered', 'false');
    if (replaceMerge) c.setOption(option, { replaceMerge });
    else c.setOption(option, { notMerge: true });
    // replaceMerge is fixed per chart kind; only a new option re-renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [option]);

  return <div ref={host} className="chart" role="img" aria-label={label} style={{ height }} />;
});
