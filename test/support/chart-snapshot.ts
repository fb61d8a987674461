import * as echarts from 'echarts';

/** Options without functions and with floats rounded, so snapshots compare what is drawn. */
export function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'function' ? '[fn]' : typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)));
}

/** Server-side SVG of an option (ECharts' own renderer), with zrender's ids normalized. */
export function renderSvg(option: echarts.EChartsCoreOption, width = 800, height = 400): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption(option);
  const svg = chart.renderToSVGString();
  chart.dispose();
  // zrender numbers ids and style classes across every chart it rendered in this process: renumber
  // classes in order of appearance, so a snapshot does not depend on the tests before it.
  const classes = new Map<string, number>();
  return svg.replace(/zr\d+-/g, 'zr-').replace(/zr-cls-\d+/g, (c) => `zr-cls-${classes.get(c) ?? classes.set(c, classes.size).get(c)}`);
}
