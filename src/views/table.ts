import type { Locale } from '../i18n/format';
import { labelIn, t, type MessageKey } from '../i18n/messages';
import { fieldByName, isFieldName } from '../ingest/vocabulary';
import type { Scheme, TierDef } from '../schemes/types';
import { viewDef, type ViewModel } from './registry';
import type { TableContext, TableData } from './view';

/** The unit of a ladder's metric in tables: yuan for amounts, none for points and scores. */
export function metricUnitOf(scheme: Scheme): 'yuan' | 'none' {
  return scheme.kind !== 'ladder' || (isFieldName(scheme.metric) && fieldByName(scheme.metric).kind === 'amount') ? 'yuan' : 'none';
}

/**
 * The numbers behind a view as a plain table: shown under the chart, and what CSV/XLSX/Parquet
 * exports write. Column names follow the UI language and name their unit: 元/yuan for amounts,
 * % for shares (held as fractions 0..1; `formats` says how to show and export them).
 *
 * `metric` is the unit of a ladder's metric, which the near-threshold, sensitivity and
 * before/after tables are in: yuan for an amount (the default), none for points or scores.
 */
export function tableOf(model: ViewModel, tiers: readonly TierDef[], locale: Locale, metric: 'yuan' | 'none' = 'yuan'): TableData | undefined {
  if (model.view === 'not-applicable') return undefined;
  const table = viewDef(model.view).table;
  return table ? table(model, tableContext(tiers, locale, metric)) : undefined;
}

export function tableContext(tiers: readonly TierDef[], locale: Locale, metric: 'yuan' | 'none'): TableContext {
  const h = (key: MessageKey) => t(locale, key);
  const yuan = (key: MessageKey) => t(locale, 'colWithYuan', { header: h(key) });
  return {
    tiers,
    locale,
    metric,
    h,
    yuan,
    percent: (key) => t(locale, 'colWithPercent', { header: h(key) }),
    inMetric: (key) => (metric === 'yuan' ? yuan(key) : h(key)),
    metricFormat: (...columns) => (metric === 'yuan' ? Object.fromEntries(columns.map((c) => [c, 'amount' as const])) : {}),
    name: (id) => {
      const tier = tiers.find((x) => x.id === id);
      if (tier) return labelIn(locale, tier.label);
      if (id === '(new)') return h('tierNew');
      if (id === '(gone)') return h('tierGone');
      return id;
    },
  };
}
