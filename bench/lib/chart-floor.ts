import { createRequire } from 'node:module';
import type { BrowserContext } from 'playwright-core';
import { summarize, type Summary } from './stats';

/**
 * What one ECharts update costs on this machine, whatever TierLens does around it: a bare page
 * with ECharts alone, one 1300×360 canvas chart shaped like the tier distribution (title,
 * legend, axis tooltip, two value axes, five labelled bars and a labelled line), its numbers
 * changed and set again `updates` times (after `warmup` unrecorded ones) the way EChart.tsx does (replaceMerge), timed around
 * setOption (ECharts updates and paints inside it). A view with k such charts cannot repaint in
 * less than k times this: the floor under the slider targets.
 */
export async function chartUpdateFloor(context: BrowserContext, updates = 60, warmup = 20): Promise<Summary> {
  const echartsFile = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');
  const page = await context.newPage();
  try {
    await page.setContent('<div id="c" style="width:1300px;height:360px"></div>');
    await page.addScriptTag({ path: echartsFile });
    const ms = await page.evaluate(`(() => {
      const chart = echarts.init(document.getElementById('c'), null, { renderer: 'canvas' });
      const option = (k) => ({
        animation: false,
        title: { text: 'Tiers · 2025-12', left: 'center' },
        legend: { bottom: 0 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 64, right: 64, top: 56, bottom: 48 },
        xAxis: { type: 'category', data: ['Private', 'VIP', 'Affluent', 'Wealth', 'Mass'] },
        yAxis: [{ type: 'value', name: 'Customers' }, { type: 'value', name: 'AUM share', min: 0, max: 1, splitLine: { show: false } }],
        series: [
          { name: 'Customers', type: 'bar', label: { show: true, position: 'top' }, data: [1200, 9000, 51000, 230000, 700000].map((v, i) => v + ((k * 37 * (i + 1)) % 1000)) },
          { name: 'AUM share', type: 'line', yAxisIndex: 1, label: { show: true, position: 'top' }, data: [0.3, 0.25, 0.2, 0.15, 0.1].map((v) => v + (k % 7) / 1000) },
        ],
      });
      chart.setOption(option(0));
      const out = [];
      for (let k = 1; k <= ${warmup} + ${updates}; k++) {
        const t0 = performance.now();
        chart.setOption(option(k), { replaceMerge: ['series', 'xAxis', 'yAxis'] });
        if (k > ${warmup}) out.push(performance.now() - t0);
      }
      chart.dispose();
      return out;
    })()`);
    return summarize(ms as number[]);
  } finally {
    await page.close();
  }
}
