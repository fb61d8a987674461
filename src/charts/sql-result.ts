import type { EChartsOption } from 'echarts';
import type { Row } from '../engine/rows';
import { escapeHtml } from './escape';
import { FONT, titleBlock } from './shared';

export interface SqlResultChartInput {
  readonly rows: readonly Row[];
  readonly chart: 'bar' | 'line' | 'pie' | 'scatter';
  readonly x: string;
  readonly y: string;
  readonly title: string;
}

/** A quick chart of an SQL cell's result: one category/value pair of columns. */
export function buildSqlResultOption(input: SqlResultChartInput): EChartsOption {
  const rows = input.rows.slice(0, 2000);
  const xs = rows.map((r) => String(r[input.x] ?? ''));
  const ys = rows.map((r) => Number(r[input.y] ?? 0));
  const tooltip = {
    trigger: input.chart === 'pie' || input.chart === 'scatter' ? ('item' as const) : ('axis' as const),
    formatter: (params: unknown) => {
      const p = (Array.isArray(params) ? params[0] : params) as { name?: unknown; value?: unknown } | undefined;
      return p ? `${escapeHtml(String(p.name ?? ''))}: ${escapeHtml(String(p.value ?? ''))}` : '';
    },
  };
  if (input.chart === 'pie') {
    return { animation: false, title: titleBlock(input.title), tooltip, series: [{ type: 'pie', radius: '60%', data: xs.map((name, i) => ({ name, value: ys[i] })), label: { fontSize: FONT.label } }] };
  }
  return {
    animation: false,
    title: titleBlock(input.title),
    tooltip,
    grid: { left: 72, right: 32, top: 56, bottom: 56 },
    xAxis: input.chart === 'scatter' ? { type: 'value', name: input.x } : { type: 'category', data: xs, name: input.x },
    yAxis: { type: 'value', name: input.y },
    series: [
      input.chart === 'scatter'
        ? { type: 'scatter', data: rows.map((r) => [Number(r[input.x] ?? 0), Number(r[input.y] ?? 0)]), symbolSize: 5 }
        : { type: input.chart, data: ys },
    ],
  };
}
