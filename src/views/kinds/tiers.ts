import type { TierCount } from '../../analysis/tier-distribution';
import { buildTierDistributionOption } from '../../charts/tier-distribution';
import { formatPeriod } from '../../i18n/format';
import { labelIn } from '../../i18n/messages';
import { amountFieldOf, PERIOD_OPTIONS, type ViewDef } from '../view';

export interface TiersModel {
  readonly view: 'tiers';
  readonly period: string | null;
  readonly counts: readonly TierCount[];
  readonly warnings: readonly string[];
  readonly amountField?: string;
}

/** Customers (and amounts) per tier in one period. */
export const tiers: ViewDef<'tiers', TiersModel> = {
  kind: 'tiers',
  titleKey: 'viewTiers',
  cellTitleKey: 'nbTiers',
  width: 'half',
  options: PERIOD_OPTIONS,
  slide: true,
  async compute({ scheme, analyst, period, signal }) {
    const r = await analyst.tiers(scheme, period, signal);
    return { view: 'tiers', period, counts: r.counts, warnings: r.warnings, amountField: amountFieldOf(scheme) };
  },
  segments: (model) => model.counts.filter((c) => c.customers > 0).map((c) => ({ segment: { kind: 'tier', period: model.period, tier: c.tier }, customers: c.customers })),
  // Each tier's bar (and its amount-share point) sits at the tier's index, in the scheme's order.
  segmentAt: (model, click) => {
    const c = click.dataIndex === undefined ? undefined : model.counts[click.dataIndex];
    return c ? { kind: 'tier', period: model.period, tier: c.tier } : undefined;
  },
  chart: (model, { scheme, tiers, locale, fieldLabel }) =>
    buildTierDistributionOption({
      tiers,
      counts: model.counts,
      locale,
      title: `${labelIn(locale, scheme.label)}${model.period ? ` · ${formatPeriod(model.period)}` : ''}`,
      amountLabel: model.amountField ? fieldLabel(model.amountField) : undefined,
    }),
  table(model, { h, percent, yuan, name }) {
    const total = model.counts.reduce((s, c) => s + c.customers, 0);
    const cols = [h('colTier'), h('colTierId'), h('colCustomers'), percent('colShare'), yuan('colAmount')];
    return {
      columns: model.amountField ? cols : cols.slice(0, 4),
      formats: { [cols[3]!]: 'share', [cols[4]!]: 'amount' },
      rows: model.counts.map((c) => ({ [cols[0]!]: name(c.tier), [cols[1]!]: c.tier, [cols[2]!]: c.customers, [cols[3]!]: total ? c.customers / total : 0, ...(model.amountField ? { [cols[4]!]: c.amount } : {}) })),
    };
  },
};
