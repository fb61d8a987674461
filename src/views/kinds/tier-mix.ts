import type { TierCount } from '../../analysis/tier-distribution';
import { buildTierMixOverTimeOption } from '../../charts/tier-mix-over-time';
import { formatPeriod } from '../../i18n/format';
import { labelIn } from '../../i18n/messages';
import type { ViewDef } from '../view';

export interface TierMixModel {
  readonly view: 'tier-mix';
  readonly periods: readonly string[];
  readonly counts: Readonly<Record<string, readonly TierCount[]>>;
}

/** Each period's tier mix, side by side. */
export const tierMix: ViewDef<'tier-mix', TierMixModel> = {
  kind: 'tier-mix',
  titleKey: 'viewTierMix',
  cellTitleKey: 'nbTierMix',
  width: 'half',
  options: {},
  needs: { periods: { atLeast: 1, reason: 'viewNoPeriods' } },
  // One period computes (a single bar), but the default notebook waits for a second.
  inDefault: (s) => s.periods >= 2,
  slide: true,
  compute: async ({ scheme, dataset, analyst, signal }) => ({ view: 'tier-mix', periods: dataset.periods, counts: await analyst.tierMix(scheme, dataset.periods, signal) }),
  chart: (model, { tiers, locale, title, choices }) => buildTierMixOverTimeOption({ tiers, periods: model.periods, counts: model.counts, measure: choices.mixMeasure ?? 'share', locale, title }),
  table(model, { tiers, locale, h, name }) {
    const cols = [h('colPeriod'), ...tiers.map((x) => labelIn(locale, x.label))];
    return {
      columns: cols,
      rows: model.periods.map((p) => {
        const row: Record<string, string | number> = { [cols[0]!]: formatPeriod(p) };
        for (const c of model.counts[p] ?? []) row[name(c.tier)] = c.customers;
        return row;
      }),
    };
  },
};
