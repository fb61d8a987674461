import { transitionMatrix, type TransitionCell, type TransitionMatrix } from '../../analysis/migration';
import { buildMigrationHeatmapOption } from '../../charts/migration-heatmap';
import { COMPARING, type ViewDef } from '../view';

export interface MigrationModel {
  readonly view: 'migration';
  readonly from: string;
  readonly to: string;
  readonly cells: readonly TransitionCell[];
  readonly matrix: TransitionMatrix;
}

/** Customers by their tier in one period and in another. */
export const migration: ViewDef<'migration', MigrationModel> = {
  kind: 'migration',
  titleKey: 'viewMigration',
  cellTitleKey: 'nbMigration',
  width: 'half',
  chartHeight: 420,
  ...COMPARING,
  slide: true,
  async compute({ scheme, analyst, pair, order, tuning, signal }) {
    const [from, to] = pair();
    // While thresholds are being tuned, counts come from the fast path; at rest, SQL adds amounts.
    const cells = await analyst.migration(scheme, from, to, { fast: tuning(), signal });
    return { view: 'migration', from, to, cells, matrix: transitionMatrix(cells, order) };
  },
  segments: (model) =>
    [...model.cells].filter((c) => c.customers > 0).sort((a, b) => b.customers - a.customers).map((c) => ({ segment: { kind: 'move', from: model.from, to: model.to, fromTier: c.from, toTier: c.to }, customers: c.customers })),
  // A cell's value is [column, row, …]: the tier at the end, the tier at the start.
  segmentAt: (model, click) => {
    const [col, row] = Array.isArray(click.value) ? (click.value as number[]) : [];
    const toTier = col === undefined ? undefined : model.matrix.cols[col];
    const fromTier = row === undefined ? undefined : model.matrix.rows[row];
    return toTier && fromTier ? { kind: 'move', from: model.from, to: model.to, fromTier, toTier } : undefined;
  },
  chart: (model, { tiers, locale, title, choices }) =>
    buildMigrationHeatmapOption({
      matrix: model.matrix,
      tierOrder: tiers.map((t) => t.id),
      tiers,
      measure: choices.migrationMeasure ?? 'count',
      locale,
      title,
      periods: { from: model.from, to: model.to },
    }),
  table(model, { h, yuan, name }) {
    const cols = [h('colFromTier'), h('colToTier'), h('colCustomers'), yuan('colAmount')];
    // A scheme without an amount (rules, scores) has no amount column rather than an empty one.
    const amounts = model.cells.some((c) => c.amount !== undefined && c.amount !== null);
    return {
      columns: amounts ? cols : cols.slice(0, 3),
      formats: { [cols[3]!]: 'amount' },
      rows: model.cells.map((c) => ({ [cols[0]!]: name(c.from), [cols[1]!]: name(c.to), [cols[2]!]: c.customers, ...(amounts ? { [cols[3]!]: c.amount ?? null } : {}) })),
    };
  },
};
