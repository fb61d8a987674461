import { buildHistogramOption, histogramBins, type HistogramBin } from '../../charts/histogram';
import { fieldByName, isFieldName } from '../../ingest/vocabulary';
import type { LadderScheme } from '../../schemes/types';
import { LADDER_AT_PERIOD, once, type ViewDef } from '../view';

export interface HistogramModel {
  readonly view: 'histogram';
  readonly period: string | null;
  readonly bins: readonly HistogramBin[];
  readonly log: boolean;
  readonly thresholds: readonly { tier: string; value: number }[];
}

const binCache = new WeakMap<object, { bins: HistogramBin[]; log: boolean }>();

/** A ladder's metric: how customers spread over it, with the tier bounds marked. */
export const histogram: ViewDef<'histogram', HistogramModel, LadderScheme> = {
  kind: 'histogram',
  titleKey: 'viewHistogram',
  cellTitleKey: 'nbHistogram',
  width: 'half',
  ...LADDER_AT_PERIOD,
  slide: true,
  async compute({ scheme, analyst, period, signal }) {
    const tuner = await analyst.ladderTuner(scheme, period, signal);
    const cached = once(binCache, tuner, () => {
      const values = tuner.column.values;
      const log = values.length > 0 && values[values.length - 1]! > 1000 && isFieldName(scheme.metric) && fieldByName(scheme.metric).kind === 'amount';
      return { bins: histogramBins(values, 60, log), log };
    });
    return { view: 'histogram', period, ...cached, thresholds: scheme.bounds.map((b) => ({ tier: b.tier, value: b.min })) };
  },
  chart: (model, { scheme, tiers, locale, title, fieldLabel }) =>
    scheme.kind === 'ladder'
      ? buildHistogramOption({
          bins: model.bins,
          thresholds: model.thresholds,
          tiers,
          logX: model.log,
          metricLabel: fieldLabel(scheme.metric),
          locale,
          title,
        })
      : undefined,
};
