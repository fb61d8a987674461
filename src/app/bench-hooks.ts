import { compileScheme } from '../schemes/compile';
import { presetById } from '../schemes/presets';
import type { LadderScheme } from '../schemes/types';
import { benchNotebook, BENCH_QUADRANT, type BenchScenario } from './bench-notebooks';
import { NotebookController } from './notebook-controller';
import type { Workspace } from './workspace';

/** The threshold-moved charts at least 40 % in the window (the Lorenz curve follows no threshold). */
function chartsInView(): string[] {
  return [...document.querySelectorAll<HTMLElement>('[data-cell] .chart')].flatMap((chart) => {
    const cell = chart.closest<HTMLElement>('[data-cell]')!;
    const r = chart.getBoundingClientRect();
    const visible = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
    return r.height > 0 && visible / r.height >= 0.4 && cell.dataset.view !== 'lorenz' ? [cell.dataset.cell ?? ''] : [];
  });
}

/**
 * Hooks for `npm run bench` (bench/run.ts) to drive and observe the page. They read what a user
 * sees (DOM, render counts) and start the same work a user would; nothing here changes results.
 */
export function installBenchHooks(workspace: Workspace, controller: NotebookController): void {
  let charts: () => string[] = () => [];
  // Every chart of a scenario is measured, so every one of its views must compute on a move,
  // also those scrolled out of sight (which a user's page would let wait): the stricter case.
  // The dashboard scenario is the page as a user has it: views out of sight wait.
  let showingEverything: Promise<() => void> | undefined;
  const hooks = {
    idle: () => workspace.getState().busy === undefined && !controller.isPrecomputed() && Object.values(controller.scheduler.getSnapshot().cells).every((c) => c.status === 'ready' || c.status === 'idle' || c.status === 'deferred'),
    loaded: () => workspace.getState().files.length,
    clear: () => workspace.clear(),
    useNotebook: async (kind: BenchScenario) => {
      if (kind === 'dashboard' || kind === 'dashboard-filtered') {
        void showingEverything?.then((undo) => undo());
        showingEverything = undefined;
        window.scrollTo(0, 0);
        controller.load(NotebookController.defaultFor('retail-aum', workspace.getState().dataset, 'zh-CN'));
        controller.dataChanged(workspace.getState().dataset);
        // A branch manager's view: the dashboard filtered to the largest branch.
        if (kind === 'dashboard-filtered') {
          const [largest] = await workspace.filterChoices('branch', 1);
          if (!largest) throw new Error('the bench data has no branch column');
          controller.setFilters([{ field: 'branch', kind: 'in', values: [largest.value] }]);
        }
        charts = chartsInView;
        return;
      }
      const built = benchNotebook(kind, workspace.getState().dataset?.periods ?? []);
      charts = () => built.charts;
      controller.load(built.notebook);
      showingEverything ??= controller.showEverything();
    },
    charts: () => charts(),
    renders: () =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('[data-cell]')].map((cell) => [cell.dataset.cell ?? '', Number(cell.querySelector<HTMLElement>('.chart')?.dataset.renderCount ?? 0)]),
      ),
    sliders: () => [...document.querySelectorAll<HTMLInputElement>('[data-cell="scheme"] input[type="range"]')].map((r) => r.getAttribute('aria-label') ?? ''),
    requery: async (values: number[]) => {
      const dataset = workspace.getState().dataset;
      if (!dataset) throw new Error('no data');
      const period = dataset.periods.at(-1) ?? null;
      const base = controller.schemeCell()?.schemeId === BENCH_QUADRANT.id ? BENCH_QUADRANT : presetById('retail-aum');
      const scheme =
        base.kind === 'quadrant'
          ? { ...base, x: { ...base.x, cut: values[0]! }, y: { ...base.y, cut: values[1]! } }
          : { ...(base as LadderScheme), bounds: (base as LadderScheme).bounds.map((b, i) => ({ ...b, min: values[i] ?? b.min })) };
      const compiled = compileScheme(scheme, { table: dataset.table, columns: new Set(dataset.columns.map((c) => c.name)) });
      const t0 = performance.now();
      await workspace.analyst.sql(
        `SELECT tier, count(*) AS customers FROM (${compiled.sql}) WHERE ${period === null ? 'period IS NULL' : 'period = ?'} GROUP BY tier`,
        period === null ? [] : [period],
      );
      return performance.now() - t0;
    },
    quadrantHandle: () => {
      const chart = document.querySelector<HTMLElement>('[data-cell="quadrant"] .chart');
      const x = Number(chart?.dataset.cutX);
      const y = Number(chart?.dataset.grabY);
      if (!chart || !Number.isFinite(x) || !Number.isFinite(y)) return null;
      const box = chart.getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    },
    firstView: () => (window as unknown as { __tierlensFirstView?: number }).__tierlensFirstView ?? null,
  };
  (window as unknown as { tierlensBench: typeof hooks }).tierlensBench = hooks;
}
