/** The performance mark set when the page's first chart has painted. */
export const FIRST_CHART_MARK = 'tierlens:first-chart';

/**
 * Resolves once the first chart has painted, or after `timeoutMs` (a page that draws none soon):
 * for work that should not compete with the first view.
 */
export function afterFirstChart(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (performance.getEntriesByName(FIRST_CHART_MARK, 'mark').length > 0) return resolve();
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName(FIRST_CHART_MARK).length === 0) return;
      observer.disconnect();
      resolve();
    });
    observer.observe({ type: 'mark' });
    setTimeout(() => {
      observer.disconnect();
      resolve();
    }, timeoutMs);
  });
}
