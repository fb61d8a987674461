/**
 * Printing lays the page out at the paper's width. A chart's canvas has the pixel size it was
 * drawn at, so a chart drawn for a 1,300-pixel screen is cut at the page edge (the heatmap's last
 * column, the Sankey's last period). Before printing, the page switches to a print layout (a class
 * on <html>, app.css) and every chart is resized to its new box and painted at once — a print runs
 * no animation frames, so a ResizeObserver would be too late for Ctrl+P.
 */
import type { ECharts } from 'echarts/core';

/** What is printed: the dashboard on portrait pages, or the slide deck one landscape page a slide. */
export type PrintKind = 'page' | 'deck';

const live = new Set<ECharts>();

/** Lets print layouts reach a chart; the returned function forgets it. */
export function trackChart(chart: ECharts): () => void {
  live.add(chart);
  return () => live.delete(chart);
}

/** Resizes every chart to its container's size now and paints it synchronously. */
export function fitCharts(): void {
  for (const chart of live) {
    if (chart.isDisposed()) continue;
    chart.resize({ animation: { duration: 0 } });
    chart.getZr().refreshImmediately();
  }
}

const CLASSES: Record<PrintKind, string> = { page: 'print-page', deck: 'print-deck' };

export function enterPrintLayout(kind: PrintKind): void {
  const root = document.documentElement;
  // The deck's layout wins: a beforeprint during a deck print must not add the dashboard's too.
  if (kind === 'page' && root.classList.contains(CLASSES.deck)) return;
  root.classList.add(CLASSES[kind]);
  fitCharts();
}

export function leavePrintLayout(): void {
  document.documentElement.classList.remove(CLASSES.page, CLASSES.deck);
  fitCharts();
}

/** Two frames: React commits, then the charts' ResizeObservers and paints run. */
export const nextPaint = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

/**
 * Opens the print dialog and resolves once it is closed. Browsers fire `afterprint` when the
 * dialog closes (within `window.print()` where it blocks); the layout must stay until then.
 */
export function printAndWait(): Promise<void> {
  return new Promise((resolve) => {
    let closed = false;
    const done = () => {
      if (closed) return;
      closed = true;
      window.removeEventListener('afterprint', done);
      resolve();
    };
    window.addEventListener('afterprint', done);
    window.print();
  });
}
