import type { Row } from '../engine/rows';
import { formatPeriod, type Locale } from '../i18n/format';
import type { Scheme, TierDef } from '../schemes/types';
import { fieldByName, isFieldName } from '../ingest/vocabulary';
import type { ViewModel } from './view-models';

export interface TableData {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  /** How a column is shown (exports keep the raw numbers). */
  readonly formats?: Readonly<Record<string, 'share' | 'amount'>>;
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
  const zh = locale === 'zh-CN';
  const yuan = (header: string) => (zh ? `${header}（元）` : `${header} (yuan)`);
  const percent = (header: string) => (zh ? `${header}（%）` : `${header} (%)`);
  const inMetric = (header: string) => (metric === 'yuan' ? yuan(header) : header);
  const metricFormat = (...columns: string[]): Record<string, 'amount'> => (metric === 'yuan' ? Object.fromEntries(columns.map((c) => [c, 'amount' as const])) : {});
  const name = (id: string) => {
    const t = tiers.find((x) => x.id === id);
    if (t) return zh ? t.label.zh : t.label.en;
    if (id === '(new)') return zh ? '新增' : 'New';
    if (id === '(gone)') return zh ? '流失' : 'Gone';
    return id;
  };
  switch (model.view) {
    case 'tiers': {
      const total = model.counts.reduce((s, c) => s + c.customers, 0);
      const cols = zh ? ['层级', '层级代码', '客户数', percent('占比'), yuan('金额')] : ['Tier', 'Tier id', 'Customers', percent('Share'), yuan('Amount')];
      return {
        columns: model.amountField ? cols : cols.slice(0, 4),
        formats: { [cols[3]!]: 'share', [cols[4]!]: 'amount' },
        rows: model.counts.map((c) => ({ [cols[0]!]: name(c.tier), [cols[1]!]: c.tier, [cols[2]!]: c.customers, [cols[3]!]: total ? c.customers / total : 0, ...(model.amountField ? { [cols[4]!]: c.amount } : {}) })),
      };
    }
    case 'tier-mix': {
      const cols = [zh ? '期次' : 'Period', ...tiers.map((t) => (zh ? t.label.zh : t.label.en))];
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
      const cols = zh ? ['期初层级', '期末层级', '客户数', yuan('金额')] : ['From', 'To', 'Customers', yuan('Amount')];
      return { columns: cols, formats: { [cols[3]!]: 'amount' }, rows: model.cells.map((c) => ({ [cols[0]!]: name(c.from), [cols[1]!]: name(c.to), [cols[2]!]: c.customers, [cols[3]!]: c.amount ?? null })) };
    }
    case 'near': {
      // The gap is the distance up to the near tier's bound, in the metric's unit.
      const cols = zh
        ? ['客户号', '期次', '当前层级', '临近层级', inMetric('当前值'), inMetric('差额')]
        : ['Customer', 'Period', 'Tier', 'Near tier', inMetric('Value'), inMetric('Gap to bound')];
      return {
        columns: cols,
        formats: metricFormat(cols[4]!, cols[5]!),
        rows: model.rows.map((r) => ({ [cols[0]!]: r.customer_id ?? null, [cols[1]!]: r.period ?? null, [cols[2]!]: name(String(r.tier)), [cols[3]!]: name(String(r.near_tier)), [cols[4]!]: r.value ?? null, [cols[5]!]: r.gap ?? null })),
      };
    }
    case 'sensitivity': {
      const cols = zh
        ? ['层级', inMetric('当前门槛'), '调整', inMetric('新门槛'), '方向', '变动客户数', inMetric('变动金额')]
        : ['Tier', inMetric('Bound'), 'Move', inMetric('New bound'), 'Direction', 'Customers moving', inMetric('Amount moving')];
      return {
        columns: cols,
        formats: metricFormat(cols[1]!, cols[3]!, cols[6]!),
        rows: model.result.moves.map((m) => ({
          [cols[0]!]: name(m.tier),
          [cols[1]!]: m.min,
          [cols[2]!]: `${m.move > 0 ? '+' : ''}${Math.round(m.move * 100)}%`,
          [cols[3]!]: m.newMin,
          [cols[4]!]: m.direction === 'up' ? (zh ? '上迁' : 'up') : m.direction === 'down' ? (zh ? '下迁' : 'down') : '—',
          [cols[5]!]: m.customers,
          [cols[6]!]: m.amount,
        })),
      };
    }
    case 'before-after': {
      if (!model.totals) return undefined;
      const cols = zh ? ['原层级', '新层级', '客户数', inMetric('金额')] : ['Saved tier', 'New tier', 'Customers', inMetric('Amount')];
      const byIndex = (i: number) => tiers[i]?.id ?? 'unrated';
      return { columns: cols, formats: metricFormat(cols[3]!), rows: model.totals.cells.map((c) => ({ [cols[0]!]: name(byIndex(c.from)), [cols[1]!]: name(byIndex(c.to)), [cols[2]!]: c.count, [cols[3]!]: c.cents / 100 })) };
    }
    case 'psi': {
      // Contributions stay plain numbers: table cells show their significant digits (0.000041, not 0).
      const cols = zh ? ['层级', percent('基期占比'), percent('对比期占比'), 'PSI贡献'] : ['Tier', percent('Expected share'), percent('Actual share'), 'PSI contribution'];
      return { columns: cols, formats: { [cols[1]!]: 'share', [cols[2]!]: 'share' }, rows: model.result.perTier.map((t) => ({ [cols[0]!]: name(t.tier), [cols[1]!]: t.expected, [cols[2]!]: t.actual, [cols[3]!]: t.contribution })) };
    }
    case 'quadrant': {
      const total = model.counts.reduce((s, c) => s + c.customers, 0);
      const cols = zh ? ['象限', '层级代码', '客户数', percent('占比')] : ['Cell', 'Tier id', 'Customers', percent('Share')];
      return { columns: cols, formats: { [cols[3]!]: 'share' }, rows: model.counts.map((c) => ({ [cols[0]!]: name(c.tier), [cols[1]!]: c.tier, [cols[2]!]: c.customers, [cols[3]!]: total ? c.customers / total : 0 })) };
    }
    case 'tier-by-branch': {
      // `branch` keeps the field's name: exports leave out columns marked personal by that name.
      const amount = yuan(zh ? '金额' : 'Amount');
      const customers = zh ? '客户数' : 'Customers';
      return {
        columns: ['branch', 'tier', customers, amount],
        formats: { [amount]: 'amount' },
        rows: model.rows.map((r) => ({ branch: r.branch ?? null, tier: r.tier ?? null, [customers]: r.customers ?? null, [amount]: r.amount ?? null })),
      };
    }
    default:
      return undefined;
  }
}
