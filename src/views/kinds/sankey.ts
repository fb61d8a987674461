import { sankeyFlows, type SankeyFlows, type TransitionCell } from '../../analysis/migration';
import { buildSankeyOption } from '../../charts/sankey';
import type { Segment } from '../../analysis/drill-sql';
import { COMPARING, type SegmentCount, type ViewDef } from '../view';

/** The customers of one flow: from a tier in one period to a tier in the next of the chain. */
function linkSegment(node: ReadonlyMap<string, { period: string; tier: string }>, source: string, target: string, customers: number): SegmentCount | undefined {
  const a = node.get(source);
  const b = node.get(target);
  if (!a || !b) return undefined;
  // A `(new)` node sits in the step's earlier period, a `(gone)` one in its later: the step is
  // from the earlier column to the later either way.
  const segment: Segment = { kind: 'move', from: a.period, to: b.period, fromTier: a.tier, toTier: b.tier };
  return { segment, customers };
}

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
  // Every flow of the chain, largest first: a step's customers who went from one tier to another.
  segments: (model) => {
    const node = new Map(model.flows.nodes.map((n) => [n.id, n]));
    return model.flows.links
      .map((l) => linkSegment(node, l.source, l.target, l.value))
      .filter((c) => c !== undefined)
      .sort((a, b) => b.customers - a.customers);
  },
  // A link's data names its two nodes ("period|tier").
  segmentAt: (model, click) => {
    if (click.dataType !== 'edge') return undefined;
    const { source, target } = (click.data ?? {}) as { source?: string; target?: string };
    const node = new Map(model.flows.nodes.map((n) => [n.id, n]));
    return source && target ? linkSegment(node, source, target, 0)?.segment : undefined;
  },
  chart: (model, { tiers, locale, title }) => buildSankeyOption({ flows: model.flows, tiers, locale, title }),
};
