import type { EChartsOption } from 'echarts';
import type { TierCount } from '../analysis/tier-distribution';
import { formatAmount, formatCount, formatPeriod, formatShare, type Locale } from '../i18n/format';
import { t } from '../i18n/messages';
import type { TierDef } from '../schemes/types';
import { escapeHtml } from './escape';
import { FONT, countTick, firstParam, swatch, tierIdsWithExtras, tierLookup, titleBlock } from './shared';

export type TierMixMeasure = 'customers' | 'share' | 'amount';

export interface TierMixOverTimeInput {
  /** Tier definitions, best first (colors and labels). */
  readonly tiers: readonly TierDef[];
  /** Periods in display order (x axis); shown via `formatPeriod` (YYYY-MM). */
  readonly periods: readonly string[];
  /** Counts per period; a period missing here, or a tier missing in a period, counts as 0. */
  readonly counts: Readonly<Record<string, readonly TierCount[]>>;
  /** Customers per tier, each tier's share of the period's customers, or the summed amount. */
  readonly measure: TierMixMeasure;
  readonly locale: Locale;
  readonly title: string;
  /** Name of the amount (e.g. 日均金融资产) for the `amount` measure's axis and tooltip. */
  readonly amountLabel?: string;
}

/** Above this many periods the stacked bars become a stacked area (bars get too thin). */
export const TIER_MIX_MAX_BAR_PERIODS = 12;
/** Up to this many periods the bar segments carry value labels. */
const LABEL_MAX_PERIODS = 8;

/**
 * Tier mix over time: one stacked bar per period (stacked area beyond
 * {@link TIER_MIX_MAX_BAR_PERIODS} periods), tiers in their stable colors, the best tier on top.
 */
export function buildTierMixOverTimeOption(input: TierMixOverTimeInput): EChartsOption {
  const { periods, measure, locale } = input;
  const seen = periods.flatMap((p) => (input.counts[p] ?? []).map((c) => c.tier));
  const ids = tierIdsWithExtras(input.tiers, seen);
  const tl = tierLookup(input.tiers, locale);

  const perPeriod = periods.map((p) => {
    const byTier = new Map<string, { customers: number; amount: number }>();
    for (const c of input.counts[p] ?? []) {
      const prev = byTier.get(c.tier) ?? { customers: 0, amount: 0 };
      byTier.set(c.tier, { customers: prev.customers + c.customers, amount: prev.amount + c.amount });
    }
    const customers = ids.map((id) => byTier.get(id)?.customers ?? 0);
    const amounts = ids.map((id) => byTier.get(id)?.amount ?? 0);
    const totalCustomers = customers.reduce((s, v) => s + v, 0);
    const totalAmount = amounts.reduce((s, v) => s + v, 0);
    return { period: p, customers, amounts, totalCustomers, totalAmount };
  });
  const valueOf = (k: number, i: number): number => {
    const row = perPeriod[k]!;
    if (measure === 'customers') return row.customers[i]!;
    if (measure === 'amount') return row.amounts[i]!;
    return row.totalCustomers > 0 ? row.customers[i]! / row.totalCustomers : 0;
  };
  const fmt = (v: number): string => (measure === 'share' ? formatShare(v) : measure === 'amount' ? formatAmount(v, locale) : formatCount(v));

  const area = periods.length > TIER_MIX_MAX_BAR_PERIODS;
  const showLabels = !area && periods.length <= LABEL_MAX_PERIODS;
  const amountName = input.amountLabel ?? t(locale, 'chartAmount');
  const axisName = measure === 'customers' ? t(locale, 'chartCustomers') : measure === 'share' ? t(locale, 'chartShareOfCustomers') : amountName;

  // Series from the worst tier up, so the best tier sits on top of each stack; the legend
  // still lists the tiers best first.
  const order = ids.map((_, i) => i).reverse();
  const series = order.map((i) => {
    const id = ids[i]!;
    const color = tl.color(id);
    const data = periods.map((_, k) => valueOf(k, i));
    const label = {
      show: showLabels,
      color: '#fff',
      fontSize: FONT.label,
      // Segments below 6% of the period's total are too thin for a label.
      formatter: (p: { dataIndex: number; value?: unknown }) => {
        const row = perPeriod[p.dataIndex];
        if (!row) return '';
        const part = row.totalCustomers > 0 ? row.customers[i]! / row.totalCustomers : 0;
        const whole = measure === 'amount' ? (row.totalAmount > 0 ? row.amounts[i]! / row.totalAmount : 0) : part;
        return whole >= 0.06 ? fmt(Number(p.value ?? 0)) : '';
      },
    };
    return area
      ? {
          name: tl.label(id),
          type: 'line' as const,
          stack: 'mix',
          data,
          symbol: 'none',
          lineStyle: { width: 1, color },
          itemStyle: { color },
          areaStyle: { color, opacity: 0.85 },
        }
      : { name: tl.label(id), type: 'bar' as const, stack: 'mix', data, itemStyle: { color }, barMaxWidth: 64, label };
  });

  return {
    animation: false,
    title: titleBlock(input.title),
    grid: { left: 72, right: 32, top: 56, bottom: 64 },
    legend: { bottom: 0, icon: 'roundRect', data: ids.map((id) => tl.label(id)), textStyle: { fontSize: FONT.label } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: area ? 'line' : 'shadow' },
      formatter: (params: unknown) => {
        const first = firstParam<{ dataIndex: number }>(params);
        const row = first === undefined ? undefined : perPeriod[first.dataIndex];
        if (!row) return '';
        const lines = [`<b>${escapeHtml(formatPeriod(row.period))}</b>`];
        ids.forEach((id, i) => {
          const c = row.customers[i]!;
          const share = row.totalCustomers > 0 ? c / row.totalCustomers : 0;
          let text = `${swatch(tl.color(id))}${tl.html(id)}: ${formatCount(c)} (${formatShare(share)})`;
          if (measure === 'amount') text += ` · ${escapeHtml(amountName)} ${formatAmount(row.amounts[i]!, locale)}`;
          lines.push(text);
        });
        lines.push(
          measure === 'amount'
            ? `${escapeHtml(t(locale, 'chartTotal'))}: ${formatCount(row.totalCustomers)} · ${formatAmount(row.totalAmount, locale)}`
            : `${escapeHtml(t(locale, 'chartTotal'))}: ${formatCount(row.totalCustomers)}`,
        );
        return lines.join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      data: periods.map(formatPeriod),
      boundaryGap: !area,
      axisLabel: { fontSize: FONT.axis },
    },
    yAxis: {
      type: 'value',
      name: axisName,
      nameTextStyle: { fontSize: FONT.axis },
      ...(measure === 'share' ? { min: 0, max: 1 } : measure === 'customers' ? { minInterval: 1 } : {}),
      axisLabel: {
        fontSize: FONT.axis,
        formatter: (v: number) => (measure === 'share' ? formatShare(v) : measure === 'amount' ? formatAmount(v, locale) : countTick(v)),
      },
    },
    series,
  };
}
