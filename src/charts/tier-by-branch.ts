import type { EChartsOption } from 'echarts';
import { formatAmount, formatCount, formatShare, type Locale } from '../i18n/format';
import { t } from '../i18n/messages';
import { UNRATED, type TierDef } from '../schemes/types';
import { escapeHtml } from './escape';
import { FONT, countAxis, firstParam, swatch, tierIdsWithExtras, tierLookup, titleBlock } from './shared';

export interface TierByBranchRow {
  /** Branch name as it appears in the data (user file: escaped in tooltips). */
  readonly branch: string;
  readonly tier: string;
  readonly customers: number;
  readonly amount: number;
}

export interface TierByBranchInput {
  /** Tier definitions, best first. */
  readonly tiers: readonly TierDef[];
  /** Long form, one row per branch and tier; repeated pairs are added up. */
  readonly rows: readonly TierByBranchRow[];
  /** `share`: 100% bars (each tier's share of the branch's customers); `customers`: stacked counts. */
  readonly measure: 'customers' | 'share';
  readonly locale: Locale;
  readonly title: string;
}

/** Branches shown at once; beyond that a scroll bar (dataZoom on the branch axis) appears. */
export const BRANCHES_PER_VIEW = 20;

export interface BranchSummary {
  readonly branch: string;
  readonly customers: readonly number[];
  readonly amounts: readonly number[];
  readonly total: number;
  readonly totalAmount: number;
  /** Share of the branch's customers in the two best (rated) tiers: the sort key. */
  readonly topShare: number;
}

/**
 * Branches sorted by the share of their customers in the two best tiers (descending), ties by
 * size then name; `ids` are the tier ids in drawing order. Exported for tables next to the chart.
 */
export function branchSummaries(tiers: readonly TierDef[], rows: readonly TierByBranchRow[]): { ids: string[]; branches: BranchSummary[] } {
  const ids = tierIdsWithExtras(tiers, rows.map((r) => r.tier));
  const index = new Map(ids.map((id, i) => [id, i]));
  const best = tiers.filter((t) => t.id !== UNRATED.id).slice(0, 2).map((t) => index.get(t.id)!);
  const acc = new Map<string, { customers: number[]; amounts: number[] }>();
  for (const r of rows) {
    let b = acc.get(r.branch);
    if (!b) acc.set(r.branch, (b = { customers: ids.map(() => 0), amounts: ids.map(() => 0) }));
    const i = index.get(r.tier)!;
    b.customers[i]! += r.customers;
    b.amounts[i]! += r.amount;
  }
  const branches = [...acc].map(([branch, b]) => {
    const total = b.customers.reduce((s, v) => s + v, 0);
    const top = best.reduce((s, i) => s + b.customers[i]!, 0);
    return { branch, customers: b.customers, amounts: b.amounts, total, totalAmount: b.amounts.reduce((s, v) => s + v, 0), topShare: total > 0 ? top / total : 0 };
  });
  branches.sort((a, b) => b.topShare - a.topShare || b.total - a.total || (a.branch < b.branch ? -1 : a.branch > b.branch ? 1 : 0));
  return { ids, branches };
}

/**
 * Tier mix per branch: horizontal stacked bars, 100% (`share`) or counts (`customers`), the
 * branch with the largest share in the two best tiers on top.
 */
export function buildTierByBranchOption(input: TierByBranchInput): EChartsOption {
  const { measure, locale } = input;
  const tl = tierLookup(input.tiers, locale);
  const { ids, branches } = branchSummaries(input.tiers, input.rows);
  const share = measure === 'share';
  const valueOf = (b: BranchSummary, i: number): number => (share ? (b.total > 0 ? b.customers[i]! / b.total : 0) : b.customers[i]!);
  const zoom = branches.length > BRANCHES_PER_VIEW;

  return {
    animation: false,
    title: titleBlock(input.title),
    grid: { left: 16, right: zoom ? 56 : 32, top: 48, bottom: 72, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { bottom: 0, data: ids.map((id) => tl.label(id)), textStyle: { fontSize: FONT.label } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = firstParam<{ dataIndex: number }>(params);
        const b = first === undefined ? undefined : branches[first.dataIndex];
        if (!b) return '';
        const lines = [`<b>${escapeHtml(b.branch)}</b>`];
        ids.forEach((id, i) => {
          const c = b.customers[i]!;
          if (c === 0 && b.amounts[i] === 0) return;
          lines.push(`${swatch(tl.color(id))}${tl.html(id)}: ${formatCount(c)} (${formatShare(b.total > 0 ? c / b.total : 0)}) · ${formatAmount(b.amounts[i]!, locale)}`);
        });
        lines.push(`${escapeHtml(t(locale, 'chartTotal'))}: ${formatCount(b.total)} · ${formatAmount(b.totalAmount, locale)}`);
        return lines.join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      ...(share ? { min: 0, max: 1, axisLabel: { fontSize: FONT.axis, formatter: (v: number) => formatShare(v) } } : countAxis()),
      name: t(locale, share ? 'chartShareOfCustomers' : 'chartCustomers'),
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { fontSize: FONT.axis },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: branches.map((b) => b.branch),
      axisLabel: { fontSize: FONT.axis, width: 140, overflow: 'truncate' },
    },
    ...(zoom
      ? {
          dataZoom: [
            { type: 'slider', yAxisIndex: 0, startValue: 0, endValue: BRANCHES_PER_VIEW - 1, right: 8, width: 16, showDetail: false, zoomLock: true, brushSelect: false },
            { type: 'inside', yAxisIndex: 0, startValue: 0, endValue: BRANCHES_PER_VIEW - 1, zoomOnMouseWheel: false, moveOnMouseWheel: true },
          ],
        }
      : {}),
    series: ids.map((id, i) => ({
      // The tier's id: a click on a bar says which tier (its name is the label shown).
      id,
      name: tl.label(id),
      type: 'bar' as const,
      stack: 'branch',
      barMaxWidth: 28,
      itemStyle: { color: tl.color(id) },
      data: branches.map((b) => valueOf(b, i)),
      label: {
        show: share && branches.length <= BRANCHES_PER_VIEW,
        color: '#fff',
        fontSize: FONT.label,
        // Only segments wide enough for "12.3%".
        formatter: (p: { value?: unknown }) => {
          const v = Number(p.value ?? 0);
          return v >= 0.08 ? formatShare(v) : '';
        },
      },
    })),
  };
}
