import type { EChartsOption } from 'echarts';
import type { TierCount } from '../analysis/tier-distribution';
import { formatAmount, formatCount, formatShare, type Locale } from '../i18n/format';
import { labelIn, t } from '../i18n/messages';
import type { TierDef } from '../schemes/types';
import { escapeHtml } from './escape';
import { countAxis } from './shared';

export interface TierDistributionInput {
  readonly tiers: readonly TierDef[];
  readonly counts: readonly TierCount[];
  readonly locale: Locale;
  readonly title: string;
  /** Name of the amount measured (e.g. AUM); without one, only customer counts are drawn. */
  readonly amountLabel?: string;
}

/**
 * Tier distribution: customers per tier as bars (tier colors), and each tier's share of the
 * amount as a line on a percentage axis — the two numbers a tier mix is discussed by.
 *
 * Each tier's bar is its own series (stacked, so every bar keeps the full slot): a legend entry
 * takes its series' color, and one series of tier-colored bars would show a palette color there.
 */
export function buildTierDistributionOption(input: TierDistributionInput): EChartsOption {
  const { tiers, counts, locale } = input;
  const label = (tier: TierDef) => labelIn(locale, tier.label);
  const byId = new Map(counts.map((c) => [c.tier, c]));
  const totalCustomers = counts.reduce((s, c) => s + c.customers, 0);
  const totalAmount = counts.reduce((s, c) => s + c.amount, 0);
  const rows = tiers.map((tier) => {
    const c = byId.get(tier.id) ?? { tier: tier.id, customers: 0, amount: 0 };
    return { tier, customers: c.customers, amount: c.amount, amountShare: totalAmount > 0 ? c.amount / totalAmount : 0 };
  });
  const customersName = t(locale, 'chartCustomers');
  const amountLabel = input.amountLabel;
  const shareName = amountLabel === undefined ? '' : t(locale, 'chartAmountShare', { amount: amountLabel });

  return {
    animation: false,
    title: { text: input.title, left: 'center', textStyle: { fontSize: 15 } },
    // Room under the axis labels for a legend that wraps to two rows in a half-width chart, and
    // above the axis names for the title (they overlap at half width otherwise).
    grid: { left: 64, right: 64, top: 72, bottom: 84 },
    legend: { bottom: 0, data: [...rows.map((r) => label(r.tier)), ...(amountLabel === undefined ? [] : [shareName])] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number } | undefined;
        const row = first === undefined ? undefined : rows[first.dataIndex];
        if (!row) return '';
        const lines = [
          `<b>${escapeHtml(label(row.tier))}</b>`,
          `${escapeHtml(customersName)}: ${formatCount(row.customers)} (${formatShare(totalCustomers > 0 ? row.customers / totalCustomers : 0)})`,
        ];
        if (amountLabel !== undefined) lines.push(`${escapeHtml(amountLabel)}: ${formatAmount(row.amount, locale)} (${formatShare(row.amountShare)})`);
        return lines.join('<br/>');
      },
    },
    // Every tier named, long names wrapped, rather than every other name dropped at half width.
    xAxis: { type: 'category', data: rows.map((r) => label(r.tier)), axisLabel: { interval: 0, width: 64, overflow: 'break' } },
    yAxis: [
      { type: 'value', name: customersName, ...countAxis() },
      ...(amountLabel === undefined
        ? []
        : [{ type: 'value' as const, name: shareName, min: 0, max: 1, axisLabel: { formatter: (v: number) => formatShare(v) }, splitLine: { show: false } }]),
    ],
    series: [
      ...rows.map((r, i) => ({
        name: label(r.tier),
        type: 'bar' as const,
        stack: 'customers',
        itemStyle: { color: r.tier.color },
        // Only this tier's slot holds a value; '-' leaves the other slots empty.
        data: rows.map((_, j) => (j === i ? r.customers : '-')),
        label: { show: true, position: 'top' as const, formatter: (p: { value?: unknown }) => formatCount(Number(p.value ?? 0)) },
      })),
      ...(amountLabel === undefined ? [] : [{
        name: shareName,
        type: 'line' as const,
        yAxisIndex: 1,
        data: rows.map((r) => r.amountShare),
        symbolSize: 7,
        itemStyle: { color: '#c0392b' },
        label: { show: true, position: 'top' as const, formatter: (p: { value?: unknown }) => formatShare(Number(p.value ?? 0)) },
      }]),
    ],
  };
}
