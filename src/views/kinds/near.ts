import type { Row } from '../../engine/rows';
import type { LadderScheme } from '../../schemes/types';
import { LADDER_AT_PERIOD, type ViewDef } from '../view';

export interface NearModel {
  readonly view: 'near';
  readonly period: string | null;
  readonly rows: readonly Row[];
}

/** Customers just below the next tier's bound: a list, not a chart. */
export const near: ViewDef<'near', NearModel, LadderScheme> = {
  kind: 'near',
  titleKey: 'viewNear',
  cellTitleKey: 'nbNear',
  width: 'half',
  tableHeight: 320,
  ...LADDER_AT_PERIOD,
  slide: false,
  customerLevel: true,
  compute: async ({ scheme, analyst, period, signal }) => ({ view: 'near', period, rows: await analyst.near(scheme, period, 2000, signal) }),
  table(model, { h, inMetric, metricFormat, name }) {
    // The gap is the distance up to the near tier's bound, in the metric's unit.
    const cols = [h('colCustomer'), h('colPeriod'), h('colCurrentTier'), h('colNearTier'), inMetric('colValue'), inMetric('colGap')];
    return {
      columns: cols,
      formats: metricFormat(cols[4]!, cols[5]!),
      sources: { [cols[0]!]: 'customer_id' },
      rows: model.rows.map((r) => ({ [cols[0]!]: r.customer_id ?? null, [cols[1]!]: r.period ?? null, [cols[2]!]: name(String(r.tier)), [cols[3]!]: name(String(r.near_tier)), [cols[4]!]: r.value ?? null, [cols[5]!]: r.gap ?? null })),
    };
  },
};
