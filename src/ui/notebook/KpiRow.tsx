import type { ViewModel } from '../../views/registry';
import { formatFigure, formatCount, formatDecimal, formatPeriod, formatShare } from '../../i18n/format';
import { columnLabel, labelIn, t } from '../../i18n/messages';
import { tiersOf, type Scheme } from '../../schemes/types';
import { useLocale } from '../locale';

/** The headline figures in a row: customers, amount, the top tiers' shares, unrated, moves. */
export function KpiRow({ model, scheme }: { model: Extract<ViewModel, { view: 'kpi' }>; scheme: Scheme }) {
  const locale = useLocale();
  const { kpi } = model;
  const tiers = tiersOf(scheme);
  const topNames = kpi.top.map((id) => labelIn(locale, tiers.find((x) => x.id === id)?.label ?? { zh: id, en: id })).join(t(locale, 'kpiTierSep'));
  // The short name in a figure's label (`AUM`, not `AUM (avg. daily financial assets)`).
  const field = scheme.kind === 'ladder' ? columnLabel(locale, scheme.metric).replace(/\s*[（(][^()（）]*[)）]\s*$/, '') : '';
  const from = kpi.moves ? formatPeriod(kpi.moves.from) : '';
  const figures: { key: string; label: string; value: string; exact?: string; tone?: 'up' | 'down' }[] = [
    { key: 'customers', label: t(locale, 'kpiCustomers'), value: formatCount(kpi.customers) },
    ...(kpi.amount !== undefined ? [{ key: 'amount', label: t(locale, 'kpiAmount', { field }), value: formatFigure(kpi.amount, locale), exact: formatDecimal(kpi.amount, 2, { group: true, pad: true }) }] : []),
    { key: 'top-customers', label: t(locale, 'kpiTopCustomers', { tiers: topNames }), value: formatShare(kpi.topCustomerShare) },
    ...(kpi.topAmountShare !== undefined ? [{ key: 'top-amount', label: t(locale, 'kpiTopAmount', { tiers: topNames, field }), value: formatShare(kpi.topAmountShare) }] : []),
    { key: 'unrated', label: t(locale, 'kpiUnrated'), value: formatCount(kpi.unrated) },
    ...(kpi.moves
      ? [
          { key: 'up', label: t(locale, 'kpiUp', { from }), value: `▲ ${formatCount(kpi.moves.up)}`, tone: 'up' as const },
          { key: 'down', label: t(locale, 'kpiDown', { from }), value: `▼ ${formatCount(kpi.moves.down)}`, tone: 'down' as const },
        ]
      : []),
  ];
  return (
    <dl className="kpis" data-testid="kpis">
      {figures.map((f) => (
        <div key={f.key} className={`kpi${f.tone ? ` ${f.tone}` : ''}`} data-kpi={f.key}>
          <dt>{f.label}</dt>
          <dd title={f.exact}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
