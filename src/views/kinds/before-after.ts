import type { MoverTotals } from '../../analysis/movers';
import type { MoverList } from '../../analysis/movers-sql';
import type { Locale } from '../../i18n/format';
import { labelIn, t, type MessageKey } from '../../i18n/messages';
import type { TierDef } from '../../schemes/types';
import { PERIOD_OPTIONS, type TableData, type ViewDef } from '../view';

export interface BeforeAfterModel {
  readonly view: 'before-after';
  readonly period: string | null;
  readonly totals?: MoverTotals;
  readonly changed: boolean;
  /** The top movers by amount; absent while they are being listed (never an earlier move's list). */
  readonly movers?: MoverList;
}

/** How many movers the before/after view lists (the full list is exported). */
export const TOP_MOVERS = 20;

/** Who moves tier between the saved scheme and the working one. */
export const beforeAfter: ViewDef<'before-after', BeforeAfterModel> = {
  kind: 'before-after',
  titleKey: 'viewBeforeAfter',
  cellTitleKey: 'nbBeforeAfter',
  width: 'full',
  // The top movers fit whole.
  tableHeight: TOP_MOVERS * 24 + 4,
  options: PERIOD_OPTIONS,
  slide: false,
  customerLevel: true,
  async compute({ scheme, saved: savedScheme, analyst, period, listMovers, signal }) {
    const saved = savedScheme ?? scheme;
    const changed = JSON.stringify(saved) !== JSON.stringify(scheme);
    if (!changed) return { view: 'before-after', period, changed };
    const fast = scheme.kind === 'ladder' && saved.kind === 'ladder' && saved.bounds.length === scheme.bounds.length;
    const totals = fast ? await analyst.beforeAfter(saved, scheme, period, signal) : await analyst.moverTotals(saved, scheme, period, signal);
    // The list needs SQL over both schemes (60–170 ms at 1M rows): while a slider moves only
    // the fast totals follow it; the controller asks for the list once the move settles.
    if (fast && listMovers === false) return { view: 'before-after', period, changed, totals };
    return { view: 'before-after', period, changed, totals, movers: await analyst.moverList(saved, scheme, period, { limit: TOP_MOVERS, signal }) };
  },
  table: (model, { tiers, locale, metric }) => (model.movers ? moverTable(model.movers, tiers, locale, metric) : undefined),
};

/**
 * Movers as a table: the before/after view's top list and its full export alike. Tiers by their
 * label in `locale`; the name column is marked by its source so it is masked and left out of
 * exports unless the user says otherwise.
 */
export function moverTable(list: MoverList, tiers: readonly TierDef[], locale: Locale, metric: 'yuan' | 'none' = 'yuan'): TableData {
  const h = (key: MessageKey) => t(locale, key);
  const name = (id: unknown) => {
    const tier = tiers.find((x) => x.id === id);
    return tier ? labelIn(locale, tier.label) : String(id);
  };
  const [id, person, branch, from, to] = [h('colCustomer'), h('colCustomerName'), h('colBranch'), h('colSavedTier'), h('colNewTier')];
  const amount = metric === 'yuan' ? t(locale, 'colWithYuan', { header: h('colAmount') }) : h('colValue');
  const columns = [id, ...(list.name ? [person] : []), ...(list.branch ? [branch] : []), from, to, ...(list.amount ? [amount] : [])];
  return {
    columns,
    formats: list.amount && metric === 'yuan' ? { [amount]: 'amount' } : {},
    sources: { [id]: 'customer_id', [person]: 'customer_name', [branch]: 'branch' },
    rows: list.rows.map((r) => ({
      [id]: r.customer_id ?? null,
      ...(list.name ? { [person]: r.customer_name ?? null } : {}),
      ...(list.branch ? { [branch]: r.branch ?? null } : {}),
      [from]: name(r.saved_tier),
      [to]: name(r.new_tier),
      ...(list.amount ? { [amount]: r.amount ?? null } : {}),
    })),
  };
}
