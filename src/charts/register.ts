/**
 * The ECharts parts the builders in this folder use, for `echarts.use(CHART_EXTENSIONS)` next
 * to a renderer (the app imports `echarts/core`, which draws nothing it was not given).
 *
 * - bar/line: tier distribution, tier mix over time, tier by branch, PSI, Lorenz, projection
 * - heatmap: migration matrix; sankey: flows; scatter + custom: quadrant, histogram (custom)
 * - markLine/markArea/markPoint: cuts, thresholds, quadrant areas, the projected range
 * - dataZoom: tier by branch with many branches; graphic: drag handles a UI adds to the quadrant
 */
import { BarChart, CustomChart, HeatmapChart, LineChart, SankeyChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';

export const CHART_EXTENSIONS = [
  BarChart,
  LineChart,
  HeatmapChart,
  SankeyChart,
  ScatterChart,
  CustomChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  MarkLineComponent,
  MarkAreaComponent,
  MarkPointComponent,
  DataZoomComponent,
  GraphicComponent,
];
