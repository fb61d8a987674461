import type { Cell, Notebook, ViewCell } from '../notebook/types';
import { presetById } from '../schemes/presets';
import type { QuadrantScheme } from '../schemes/types';
import { validateScheme } from '../schemes/validate';
import type { MessageKey } from '../i18n/messages';

/** The three benchmark scenarios of the performance issue, as ordinary notebooks. */
/**
 * `dashboard`: the default notebook as a user opens it, timing the charts in view;
 * `dashboard-filtered`: the same, filtered to the largest branch.
 */
export type BenchScenario = 'one-period' | 'two-period' | 'quadrant' | 'dashboard' | 'dashboard-filtered';

/** A quadrant on retail fields, so the quadrant can be measured on the 1M-customer retail data. */
export const BENCH_QUADRANT: QuadrantScheme = validateScheme({
  format: 'tierlens-scheme',
  version: 1,
  id: 'bench-retail-quadrant',
  kind: 'quadrant',
  label: { zh: '零售价值矩阵（基准测试）', en: 'Retail value matrix (benchmark)' },
  tiers: [
    { id: 'star', label: { zh: '明星', en: 'Star' }, color: '#5b2c83' },
    { id: 'cash', label: { zh: '现金牛', en: 'Cash cow' }, color: '#2e9d6a' },
    { id: 'develop', label: { zh: '待发展', en: 'Develop' }, color: '#1f6fb2' },
    { id: 'watch', label: { zh: '观察', en: 'Watch' }, color: '#8aa1b1' },
  ],
  x: { expr: 'credit_score', cut: 60, label: { zh: '信用评分', en: 'Credit score' } },
  y: { expr: 'aum', cut: 100000, label: { zh: '日均金融资产', en: 'AUM' } },
  cells: { hh: 'star', lh: 'cash', hl: 'develop', ll: 'watch' },
}) as QuadrantScheme;

const view = (id: string, titleKey: MessageKey, kind: ViewCell['view'], options: Record<string, unknown>): ViewCell => ({ id, kind: 'view', titleKey, view: kind, options });

/** The notebook of a scenario over the given periods (the latest, or the last two). */
export function benchNotebook(kind: Exclude<BenchScenario, 'dashboard' | 'dashboard-filtered'>, periods: readonly string[]): { notebook: Notebook; charts: string[] } {
  const latest = periods.at(-1) ?? null;
  const previous = periods.at(-2) ?? latest;
  const scheme = kind === 'quadrant' ? BENCH_QUADRANT : presetById('retail-aum');
  const cells: Cell[] = [
    { id: 'param-period', kind: 'param', name: 'period', titleKey: 'nbPeriod', control: 'select', value: latest, options: [...periods] },
    { id: 'param-from', kind: 'param', name: 'from', titleKey: 'nbFrom', control: 'select', value: previous, options: [...periods] },
    { id: 'param-to', kind: 'param', name: 'to', titleKey: 'nbTo', control: 'select', value: latest, options: [...periods] },
    { id: 'scheme', kind: 'scheme', titleKey: 'nbScheme', schemeId: scheme.id, scheme, saved: scheme },
  ];
  const period = { periodParam: 'period' };
  const fromTo = { fromParam: 'from', toParam: 'to' };
  let charts: string[];
  if (kind === 'one-period') {
    cells.push(view('tiers', 'nbTiers', 'tiers', period), view('tier-mix', 'nbTierMix', 'tier-mix', {}), view('tier-by-branch', 'nbByBranch', 'tier-by-branch', period), view('histogram', 'nbHistogram', 'histogram', period));
    charts = ['tiers', 'tier-mix', 'tier-by-branch', 'histogram'];
  } else if (kind === 'two-period') {
    cells.push(view('tiers', 'nbTiers', 'tiers', period), view('migration', 'nbMigration', 'migration', fromTo), view('sankey', 'nbSankey', 'sankey', fromTo));
    charts = ['tiers', 'migration', 'sankey'];
  } else {
    cells.push(view('quadrant', 'nbQuadrant', 'quadrant', period), view('tiers', 'nbTiers', 'tiers', period));
    charts = ['quadrant', 'tiers'];
  }
  return { notebook: { format: 'tierlens-notebook', version: 1, cells }, charts };
}
