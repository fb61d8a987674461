import { tierFilterScheme, type Filter } from '../analysis/filters';
import { formatAmount, type Locale } from '../i18n/format';
import { columnLabel, labelIn, t } from '../i18n/messages';
import { PRESETS } from '../schemes/presets';
import { tiersOf } from '../schemes/types';

/** The built-in scheme a tier filter reads, if it names one. */
const schemeOf = (f: Filter) => {
  const id = tierFilterScheme(f.field);
  return id === undefined ? undefined : PRESETS.find((p) => p.id === id);
};

/** What a filter is on: a column by its label, or `层级（零售客户资产分层）` for another scheme's tiers. */
export function filterFieldText(f: Filter, locale: Locale): string {
  const scheme = f.kind === 'tier' ? schemeOf(f) : undefined;
  if (f.kind === 'tier') return t(locale, 'filterTierOf', { scheme: scheme ? labelIn(locale, scheme.label) : (tierFilterScheme(f.field) ?? f.field) });
  return columnLabel(locale, f.field);
}

/** A filter's values as a reader reads them: `杭州滨江支行、（空）`, `10万 至 50万` or `贵宾、私人银行`. */
export function filterValuesText(f: Filter, locale: Locale): string {
  if (f.kind === 'in') return f.values.map((v) => (v === null ? t(locale, 'filterEmptyValue') : v)).join(t(locale, 'listSep'));
  if (f.kind === 'tier') {
    const tiers = schemeOf(f) ? tiersOf(schemeOf(f)!) : [];
    return f.values.map((id) => { const tier = tiers.find((x) => x.id === id); return tier ? labelIn(locale, tier.label) : id; }).join(t(locale, 'listSep'));
  }
  if (f.min !== undefined && f.max !== undefined) return t(locale, 'filterBetween', { min: formatAmount(f.min, locale), max: formatAmount(f.max, locale) });
  return f.min !== undefined ? t(locale, 'filterAtLeast', { min: formatAmount(f.min, locale) }) : t(locale, 'filterAtMost', { max: formatAmount(f.max, locale) });
}

/** The filters in force in one line (slides, print): `机构：杭州滨江支行；日均金融资产：不低于 10万`. */
export function filtersText(filters: readonly Filter[], locale: Locale): string {
  return filters.map((f) => `${filterFieldText(f, locale)}${t(locale, 'labelSep')}${filterValuesText(f, locale)}`).join(t(locale, 'filterSep'));
}
