import { sankeyFlows, type SankeyFlows, type TransitionCell } from '../../analysis/migration';
import { buildSankeyOption } from '../../charts/sankey';
import { COMPARING, type ViewDef } from '../view';

export interface SankeyModel {
  readonly view: 'sankey';
  readonly periods: readonly string[];
  readonly flows: SankeyFlows;
}

/** Flows between tiers along a chain of periods. */
export const sankey: ViewDef<'sankey', SankeyModel> = {
  kind: 'sankey',
  titleKey: 'viewSankey',
  cellTitleKey: 'nbSankey',
  width: 'full',
  chartHeight: 420,
  ...COMPARING,
  // The default notebook's reaches back half a year.
  defaultOptions: () => ({ ...COMPARING.options, span: 6 }),
  slide: true,
  async compute({ scheme, dataset, options, analyst, pair, order, signal }) {
    const [f0, t] = pair();
    // With `span`, the chain reaches back that many periods before `to` (a multi-period view
    // even when from/to are consecutive); at most six steps so the chart stays legible.
    const span = typeof options.span === 'number' ? options.span : 0;
    const spanStart = dataset.periods[Math.max(0, dataset.periods.indexOf(t) - span)] ?? f0;
    const f = spanStart < f0 ? spanStart : f0;
    const all = dataset.periods.filter((p) => p >= f && p <= t);
    const step = Math.max(1, Math.ceil((all.length - 1) / 6));
    const chain = all.filter((_p, i) => i % step === 0 || i === all.length - 1);
    const steps: TransitionCell[][] = [];
    for (let i = 0; i + 1 < chain.length; i++) steps.push(await analyst.migration(scheme, chain[i]!, chain[i + 1]!, { fast: true, signal }));
    return { view: 'sankey', periods: chain, flows: sankeyFlows(chain, steps, order) };
  },
  chart: (model, { tiers, locale, title }) => buildSankeyOption({ flows: model.flows, tiers, locale, title }),
};
