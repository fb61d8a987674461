import type { Row } from '../engine/rows';
import { formatPeriod, type Locale } from '../i18n/format';
import type { TierDef } from '../schemes/types';
import type { ViewModel } from './view-models';

export interface TableData {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  /** How a column is shown (exports keep the raw numbers). */
  readonly formats?: Readonly<Record<string, 'share' | 'amount'>>;
}

/**
 * The numbers behind a view as a plain table: shown under the chart, and what CSV/XLSX/Parquet
 * exports write. Column names follow the UI language.
 */
export function tableOf(model: ViewModel, tiers: readonly TierDef[], locale: Locale): TableData | undefined {
  const zh = locale === 'zh-CN';
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
      const cols = zh ? ['层级', '层级代码', '客户数', '占比', '金额'] : ['Tier', 'Tier id', 'Customers', 'Share', 'Amount'];
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
      const cols = zh ? ['期初层级', '期末层级', '客户数', '金额'] : ['From', 'To', 'Customers', 'Amount'];
      return { columns: cols, formats: { [cols[3]!]: 'amount' }, rows: model.cells.map((c) => ({ [cols[0]!]: name(c.from), [cols[1]!]: name(c.to), [cols[2]!]: c.customers, [cols[3]!]: c.amount ?? null })) };
    }
    case 'near': {
      const cols = zh ? ['客户号', '期次', '当前层级', '临近层级', '当前值', '差额'] : ['Customer', 'Period', 'Tier', 'Near tier', 'Value', 'Gap'];
      return {
        columns: cols,
        formats: { [cols[4]!]: 'amount', [cols[5]!]: 'amount' },
        rows: model.rows.map((r) => ({ [cols[0]!]: r.customer_id ?? null, [cols[1]!]: r.period ?? null, [cols[2]!]: name(String(r.tier)), [cols[3]!]: name(String(r.near_tier)), [cols[4]!]: r.value ?? null, [cols[5]!]: r.gap ?? null })),
      };
    }
    case 'sensitivity': {
      const cols = zh ? ['层级', '当前门槛', '调整', '新门槛', '方向', '变动客户数', '变动金额'] : ['Tier', 'Bound', 'Move', 'New bound', 'Direction', 'Customers moving', 'Amount moving'];
      return {
        columns: cols,
        formats: { [cols[1]!]: 'amount', [cols[3]!]: 'amount', [cols[6]!]: 'amount' },
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
      const cols = zh ? ['原层级', '新层级', '客户数', '金额'] : ['Saved tier', 'New tier', 'Customers', 'Amount'];
      const byIndex = (i: number) => tiers[i]?.id ?? 'unrated';
      return { columns: cols, formats: { [cols[3]!]: 'amount' }, rows: model.totals.cells.map((c) => ({ [cols[0]!]: name(byIndex(c.from)), [cols[1]!]: name(byIndex(c.to)), [cols[2]!]: c.count, [cols[3]!]: c.cents / 100 })) };
    }
    case 'psi': {
      const cols = zh ? ['层级', '基期占比', '对比期占比', '贡献'] : ['Tier', 'Expected share', 'Actual share', 'Contribution'];
      return { columns: cols, formats: { [cols[1]!]: 'share', [cols[2]!]: 'share' }, rows: model.result.perTier.map((t) => ({ [cols[0]!]: name(t.tier), [cols[1]!]: t.expected, [cols[2]!]: t.actual, [cols[3]!]: t.contribution })) };
    }
    case 'quadrant': {
      const total = model.counts.reduce((s, c) => s + c.customers, 0);
      const cols = zh ? ['象限', '层级代码', '客户数', '占比'] : ['Cell', 'Tier id', 'Customers', 'Share'];
      return { columns: cols, formats: { [cols[3]!]: 'share' }, rows: model.counts.map((c) => ({ [cols[0]!]: name(c.tier), [cols[1]!]: c.tier, [cols[2]!]: c.customers, [cols[3]!]: total ? c.customers / total : 0 })) };
    }
    case 'tier-by-branch':
      return { columns: ['branch', 'tier', 'customers', 'amount'], rows: model.rows };
    default:
      return undefined;
  }
}
