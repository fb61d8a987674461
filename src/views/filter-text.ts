import type { Filter } from '../analysis/filters';
import { formatAmount, type Locale } from '../i18n/format';
import { columnLabel, t } from '../i18n/messages';

/** A filter's values as a reader reads them: `杭州滨江支行、（空）` or `10万 至 50万`. */
export function filterValuesText(f: Filter, locale: Locale): string {
  if (f.kind === 'in') return f.values.map((v) => (v === null ? t(locale, 'filterEmptyValue') : v)).join(t(locale, 'listSep'));
  if (f.min !== undefined && f.max !== undefined) return t(locale, 'filterBetween', { min: formatAmount(f.min, locale), max: formatAmount(f.max, locale) });
  return f.min !== undefined ? t(locale, 'filterAtLeast', { min: formatAmount(f.min, locale) }) : t(locale, 'filterAtMost', { max: formatAmount(f.max, locale) });
}

/** The filters in force in one line (slides, print): `机构：杭州滨江支行；日均金融资产：不低于 10万`. */
export function filtersText(filters: readonly Filter[], locale: Locale): string {
  return filters.map((f) => `${columnLabel(locale, f.field)}${t(locale, 'labelSep')}${filterValuesText(f, locale)}`).join(t(locale, 'filterSep'));
}
