import { sortValues, thresholdSensitivity, type Sensitivity, type SortedValues } from '../../analysis/sensitivity';
import type { LadderScheme } from '../../schemes/types';
import { LADDER_AT_PERIOD, once, type ViewDef } from '../view';

export interface SensitivityModel {
  readonly view: 'sensitivity';
  readonly period: string | null;
  readonly result: Sensitivity;
}

const sortedCache = new WeakMap<object, SortedValues>();

/** How many customers each bound moves by when it moves a little: a table. */
export const sensitivity: ViewDef<'sensitivity', SensitivityModel, LadderScheme> = {
  kind: 'sensitivity',
  titleKey: 'viewSensitivity',
  cellTitleKey: 'nbSensitivity',
  width: 'half',
  ...LADDER_AT_PERIOD,
  slide: false,
  async compute({ scheme, analyst, period, signal }) {
    const tuner = await analyst.ladderTuner(scheme, period, signal);
    const sorted = once(sortedCache, tuner, () => sortValues(tuner.column.values));
    return { view: 'sensitivity', period, result: thresholdSensitivity(sorted, scheme.bounds.map((b) => ({ tier: b.tier, min: b.min }))) };
  },
  table(model, { h, inMetric, metricFormat, name }) {
    const cols = [h('colTier'), inMetric('colBound'), h('colMove'), inMetric('colNewBound'), h('colDirection'), h('colMoving'), inMetric('colAmountMoving')];
    return {
      columns: cols,
      formats: metricFormat(cols[1]!, cols[3]!, cols[6]!),
      rows: model.result.moves.map((m) => ({
        [cols[0]!]: name(m.tier),
        [cols[1]!]: m.min,
        [cols[2]!]: `${m.move > 0 ? '+' : ''}${Math.round(m.move * 100)}%`,
        [cols[3]!]: m.newMin,
        [cols[4]!]: m.direction === 'up' ? h('dirUp') : m.direction === 'down' ? h('dirDown') : '—',
        [cols[5]!]: m.customers,
        [cols[6]!]: m.amount,
      })),
    };
  },
};
