import { kpiOf, type Kpi } from '../../analysis/kpi';
import { movementTotals, transitionMatrix } from '../../analysis/migration';
import { amountFieldOf, PERIOD_OPTIONS, type ViewDef } from '../view';

export interface KpiModel {
  readonly view: 'kpi';
  readonly period: string | null;
  readonly kpi: Kpi;
}

/** The key figures: customers, amount, the top tiers' shares, moves since the compare period. */
export const kpi: ViewDef<'kpi', KpiModel> = {
  kind: 'kpi',
  titleKey: 'viewKpi',
  cellTitleKey: 'nbKpi',
  width: 'full',
  options: PERIOD_OPTIONS,
  defaultOptions: (s) => (s.periods >= 2 ? { periodParam: 'period', fromParam: 'from' } : PERIOD_OPTIONS),
  slide: false,
  async compute({ scheme, dataset, analyst, period, from, order, signal }) {
    const r = await analyst.tiers(scheme, period, signal);
    const amountField = amountFieldOf(scheme);
    // Up/down since the compare period, when there is one (the fast path answers it while tuning).
    let moves: { from: string; up: number; down: number } | undefined;
    if (from !== null && period !== null && dataset.periods.indexOf(from) >= 0 && dataset.periods.indexOf(from) < dataset.periods.indexOf(period)) {
      const cells = await analyst.migration(scheme, from, period, { fast: true, signal });
      const totals = movementTotals(transitionMatrix(cells, order), order);
      moves = { from, up: totals.up, down: totals.down };
    }
    return { view: 'kpi', period, kpi: kpiOf(r.counts, order, amountField !== undefined, moves) };
  },
};
