import { useRef } from 'react';
import type { ECharts } from 'echarts/core';
import type { EChartsOption } from 'echarts';
import { EChart, type EChartHandle } from '../EChart';

interface Props {
  option: EChartsOption;
  label: string;
  xCut: number;
  yCut: number;
  xRange: readonly [number, number];
  yRange: readonly [number, number];
  /** A cut line was dragged to a new value (called continuously while dragging). */
  onCut: (axis: 'x' | 'y', value: number) => void;
  /** A click on the plot (not a drag), in data coordinates: the cell under it. */
  onPlotClick?: (x: number, y: number) => void;
  chartRef?: React.Ref<EChartHandle>;
}

const HIT = 12;

/**
 * The quadrant chart with both cut lines draggable. The lines are `graphic` elements placed in
 * data coordinates after each render; while one is dragged it moves itself and reports the
 * value under it, so the scheme (and every view) follows the hand. Sliders in the scheme
 * editor do the same for keyboard users.
 */
export function QuadrantChart({ option, label, xCut, yCut, xRange, yRange, onCut, onPlotClick, chartRef }: Props) {
  const dragging = useRef(false);
  const placed = useRef('');
  const latest = useRef({ xCut, yCut, onCut, xRange, yRange, onPlotClick });
  latest.current = { xCut, yCut, onCut, xRange, yRange, onPlotClick };
  const listening = useRef<ECharts | null>(null);

  // The plot's cells have no element of their own (shaded areas, density, sampled points):
  // a click is read where it lands. A press that moved (a cut line dragged) is not a click.
  const listen = (chart: ECharts) => {
    if (listening.current === chart) return;
    listening.current = chart;
    let down: [number, number] | undefined;
    const zr = chart.getZr();
    zr.on('mousedown', (e) => {
      down = [e.offsetX, e.offsetY];
    });
    zr.on('click', (e) => {
      const at: [number, number] = [e.offsetX, e.offsetY];
      const moved = !down || Math.hypot(at[0] - down[0], at[1] - down[1]) > 4;
      down = undefined;
      if (moved || dragging.current || !chart.containPixel({ gridIndex: 0 }, at)) return;
      const [x, y] = chart.convertFromPixel({ gridIndex: 0 }, at) as number[];
      if (Number.isFinite(x) && Number.isFinite(y)) latest.current.onPlotClick?.(x!, y!);
    });
  };

  const place = (chart: ECharts) => {
    listen(chart);
    if (dragging.current) return;
    const { xCut: cx, yCut: cy, xRange: xr, yRange: yr } = latest.current;
    const toPx = (x: number, y: number) => chart.convertToPixel({ gridIndex: 0 }, [x, y]) as number[] | undefined;
    const p = toPx(cx, cy);
    const topLeft = toPx(xr[0], yr[1]);
    const bottomRight = toPx(xr[1], yr[0]);
    if (!p || !topLeft || !bottomRight || ![...p, ...topLeft, ...bottomRight].every(Number.isFinite)) return;
    const [px, py] = p as [number, number];
    const grid = { x: topLeft[0]!, y: topLeft[1]!, width: bottomRight[0]! - topLeft[0]!, height: bottomRight[1]! - topLeft[1]! };
    // setOption re-renders and fires 'finished' again: only place the lines when they moved.
    const key = [px, py, grid.x, grid.y, grid.width, grid.height].map(Math.round).join(',');
    if (key === placed.current) return;
    placed.current = key;
    // Where the handles are, for benchmarks that drag them.
    const el = chart.getDom();
    el.dataset.cutX = String(px);
    // A point on the vertical handle clear of the horizontal one (which is drawn over it where
    // the two cross): near the end of the grid farther from the y cut, wherever that cut is.
    el.dataset.grabY = String(py > grid.y + grid.height / 2 ? grid.y + HIT * 2 : grid.y + grid.height - HIT * 2);
    const drag = (axis: 'x' | 'y') =>
      function (this: { x: number; y: number }) {
        dragging.current = true;
        const at = axis === 'x' ? this.x + HIT / 2 : this.y + HIT / 2;
        const v = chart.convertFromPixel({ gridIndex: 0 }, axis === 'x' ? [at, grid.y] : [grid.x, at]) as number[];
        const value = axis === 'x' ? v[0] : v[1];
        if (value !== undefined && Number.isFinite(value)) latest.current.onCut(axis, Math.round(value * 100) / 100);
      };
    const end = () => {
      dragging.current = false;
      placed.current = '';
      place(chart);
    };
    // ECharts ignores setOption while it is still rendering (inside 'finished'): defer a frame.
    requestAnimationFrame(() => chart.isDisposed() || chart.setOption({
      graphic: [
        {
          id: 'cut-x-handle',
          type: 'rect',
          x: px - HIT / 2,
          y: grid.y,
          shape: { width: HIT, height: grid.height },
          style: { fill: 'rgba(192,57,43,0.08)' },
          cursor: 'ew-resize',
          draggable: 'horizontal',
          z: 100,
          ondrag: drag('x'),
          ondragend: end,
        },
        {
          id: 'cut-y-handle',
          type: 'rect',
          x: grid.x,
          y: py - HIT / 2,
          shape: { width: grid.width, height: HIT },
          style: { fill: 'rgba(192,57,43,0.08)' },
          cursor: 'ns-resize',
          draggable: 'vertical',
          z: 100,
          ondrag: drag('y'),
          ondragend: end,
        },
      ],
    }));
  };

  return <EChart ref={chartRef} option={option} label={label} height={440} replaceMerge={['series', 'xAxis', 'yAxis', 'title']} onRendered={place} />;
}
