import { gini, lorenz as lorenzCurve, pareto, sortAmounts, topShare, type Curve, type SortedAmounts } from '../../analysis/concentration';
import { buildLorenzOption } from '../../charts/lorenz';
import type { LadderScheme } from '../../schemes/types';
import { LADDER_AT_PERIOD, once, type ViewDef } from '../view';

export interface LorenzModel {
  readonly view: 'lorenz';
  readonly period: string | null;
  readonly lorenz: Curve;
  readonly pareto: Curve;
  readonly gini: number;
  readonly topShare: number;
}

const amountCache = new WeakMap<object, SortedAmounts>();
// The curves follow the metric, not the thresholds: one model per tuner (per period and metric),
// so a threshold move hands back the same model and the chart is not redrawn.
const modelCache = new WeakMap<object, LorenzModel>();

/** How concentrated the metric is: Lorenz and Pareto curves, Gini, the top fifth's share. */
export const lorenz: ViewDef<'lorenz', LorenzModel, LadderScheme> = {
  kind: 'lorenz',
  titleKey: 'viewLorenz',
  cellTitleKey: 'nbLorenz',
  width: 'half',
  ...LADDER_AT_PERIOD,
  slide: true,
  async compute({ scheme, analyst, period, signal }) {
    const tuner = await analyst.ladderTuner(scheme, period, signal);
    return once(modelCache, tuner, () => {
      const sorted = once(amountCache, tuner, () => sortAmounts(tuner.column.values));
      return { view: 'lorenz', period, lorenz: lorenzCurve(sorted), pareto: pareto(sorted), gini: gini(sorted).gini, topShare: topShare(sorted, 0.2).share };
    });
  },
  chart: (model, { locale, title }) => buildLorenzOption({ lorenz: model.lorenz, pareto: model.pareto, gini: model.gini, topShare: model.topShare, locale, title }),
};
