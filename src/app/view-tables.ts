import type { Row } from '../engine/rows';
import { formatPeriod, type Locale } from '../i18n/format';
import { labelIn, t, type MessageKey } from '../i18n/messages';
import type { Scheme, TierDef } from '../schemes/types';
import { fieldByName, isFieldName } from '../ingest/vocabulary';
import type { ViewModel } from './view-models';
import type { MoverList } from '../analysis/movers-sql';

export interface TableData {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  /** How a column is shown (exports keep the raw numbers). */
  readonly formats?: Readonly<Record<string, 'share' | 'amount'>>;
  /** The dataset column a shown column holds, where its header is translated (privacy levels are by dataset column). */
  readonly sources?: Readonly<Record<string, string>>;
}

/**
 * The numbers behind a view as a plain table: shown under the chart, and what CSV/XLSX/Parquet
 * exports write. Column names follow the UI language and name their unit: 元/yuan for amounts,
 * % for shares (held as fractions 0..1; `formats` says how to show and export them).
 *
 * `metric` is the unit of a ladder's metric, which the near-threshold, sensitivity and
 * before/after tables are in: yuan for an amount (the default), none for points or scores.
 */
/** The unit of a ladder's metric in tables: yuan for amounts, none for points and scores. */
export function metricUnitOf(scheme: Scheme): 'yuan' | 'none' {
  return scheme.kind !== 'ladder' || (isFieldName(scheme.metric) && fieldByName(scheme.metric).kind === 'amount') ? 'yuan' : 'none';
}

export function tableOf(model: ViewModel, tiers: readonly TierDef[], locale: Locale, metric: 'yuan' | 'none' = 'yuan'): TableData | undefined {
  const h = (key: MessageKey) => t(locale, key);
  const yuan = (key: MessageKey) => t(locale, 'colWithYuan', { header: h(key) });
  const percent = (key: MessageKey) => t(locale, 'colWithPercent', { header: h(key) });
  const inMetric = (key: MessageKey) => (metric === 'yuan' ? yuan(key) : h(key));
  const metricFormat = (...columns: string[]): Record<string, 'amount'> => (metric === 'yuan' ? Object.fromEntries(columns.map((c) => [c, 'amount' as const])) : {});
  const name = (id: string) => {
    const tier = tiers.find((x) => x.id === id);
    if (tier) return labelIn(locale, tier.label);
    if (id === '(new)') return h('tierNew');
    if (id === '(gone)') return h('tierGone');
    return id;
  };
  switch (model.view) {
    case 'tiers': {
      const total = model.counts.reduce((s, c) => s + c.customers, 0);
      const cols = [h('colTier'), h('colTierId'), h('colCustomers'), percent('colShare'), yuan('colAmount')];
      return {
        columns: model.amountField ? cols : cols.slice(0, 4),
        formats: { [cols[3]!]: 'share', [cols[4]!]: 'amount' },
        rows: model.counts.map((c) => ({ [cols[0]!]: name(c.tier), [cols[1]!]: c.tier, [cols[2]!]: c.customers, [cols[3]!]: total ? c.customers / total : 0, ...(model.amountField ? { [cols[4]!]: c.amount } : {}) })),
      };
    }
    case 'tier-mix': {
      const cols = [h('colPeriod'), ...tiers.map((x) => labelIn(locale, x.label))];
      return {
        columns: cols,
        rows: model.periods.map((p) => {
          const row: Record<string, string | number> = { [cols[0]!]: formatPeriod(p) };
          for (const c of model.counts[p] ?? []) row[name(c.tier)] = c.customers;
          return row;
        }),
      };
    }
    case 'migration': {
      const cols = [h('colFromTier'), h('colToTier'), h('colCustomers'), yuan('colAmount')];
      // A scheme without an amount (rules, scores) has no amount column rather than an empty one.
      const amounts = model.cells.some((c) => c.amount !== undefined && c.amount !== null);
      return {
        columns: amounts ? cols : cols.slice(0, 3),
        formats: { [cols[3]!]: 'amount' },
        rows: model.cells.map((c) => ({ [cols[0]!]: name(c.from), [cols[1]!]: name(c.to), [cols[2]!]: c.customers, ...(amounts ? { [cols[3]!]: c.amount ?? null } : {}) })),
      };
    }
    case 'near': {
      // The gap is the distance up to the near tier's bound, in the metric's unit.
      const cols = [h('colCustomer'), h('colPeriod'), h('colCurrentTier'), h('colNearTier'), inMetric('colValue'), inMetric('colGap')];
      return {
        columns: cols,
        formats: metricFormat(cols[4]!, cols[5]!),
        sources: { [cols[0]!]: 'customer_id' },
        rows: model.rows.map((r) => ({ [cols[0]!]: r.customer_id ?? null, [cols[1]!]: r.period ?? null, [cols[2]!]: name(String(r.tier)), [cols[3]!]: name(String(r.near_tier)), [cols[4]!]: r.value ?? null, [cols[5]!]: r.gap ?? null })),
      };
    }
    case 'sensitivity': {
      const cols = [h('colTier'), inMetric('colBound'), h('colMove'), inMetric('colNewBound'), h('colDirection'), h('colMoving'), inMetric('colAmountMoving')];
      return {
        columns: cols,
        formats: metricFormat(cols[1]!, cols[3]!, cols[6]!),
        rows: model.result.moves.map((m) => ({
          [cols[0]!]: name(m.tier),
          [cols[1]!]: m.min,
          [cols[2]!]: `${m.move > 0 ? '+' : ''}${Math.round(m.move * 100)}%`,
          [cols[3]!]: m.newMin,
          [cols[4]!]: m.direction === 'up' ? h('dirUp') : m.direction === 'down' ? h('dirDown') : '—',
          [cols[5]!]: m.customers,
          [cols[6]!]: m.amount,
        })),
      };
    }
    case 'before-after':
      return model.movers ? moverTable(model.movers, tiers, locale, metric) : undefined;
    case 'psi': {
      // Contributions stay plain numbers: table cells show their significant digits (0.000041, not 0).
      const cols = [h('colTier'), percent('colExpectedShare'), percent('colActualShare'), h('colPsi')];
      return { columns: cols, formats: { [cols[1]!]: 'share', [cols[2]!]: 'share' }, rows: model.result.perTier.map((x) => ({ [cols[0]!]: name(x.tier), [cols[1]!]: x.expected, [cols[2]!]: x.actual, [cols[3]!]: x.contribution })) };
    }
    case 'quadrant': {
      const total = model.counts.reduce((s, c) => s + c.customers, 0);
      const cols = [h('colCell'), h('colTierId'), h('colCustomers'), percent('colShare')];
      return { columns: cols, formats: { [cols[3]!]: 'share' }, rows: model.counts.map((c) => ({ [cols[0]!]: name(c.tier), [cols[1]!]: c.tier, [cols[2]!]: c.customers, [cols[3]!]: total ? c.customers / total : 0 })) };
    }
    case 'tier-by-branch': {
      const cols = [h('colBranch'), h('colTier'), h('colCustomers'), yuan('colAmount')];
      const amounts = model.rows.some((r) => r.amount !== null && r.amount !== undefined);
      const order = new Map(tiers.map((x, i) => [x.id, i]));
      // Branches in order, each one's tiers best first (as the chart stacks them).
      const rows = [...model.rows].sort((a, b) => String(a.branch ?? '').localeCompare(String(b.branch ?? ''), 'zh-CN') || (order.get(String(a.tier)) ?? 99) - (order.get(String(b.tier)) ?? 99));
      return {
        columns: amounts ? cols : cols.slice(0, 3),
        formats: { [cols[3]!]: 'amount' },
        sources: { [cols[0]!]: 'branch' },
        rows: rows.map((r) => ({ [cols[0]!]: r.branch ?? null, [cols[1]!]: name(String(r.tier)), [cols[2]!]: r.customers ?? null, ...(amounts ? { [cols[3]!]: r.amount ?? null } : {}) })),
      };
    }
    default:
      return undefined;
  }
}

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
