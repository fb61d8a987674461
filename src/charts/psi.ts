import type { EChartsOption } from 'echarts';
import type { PsiBand, PsiResult } from '../analysis/psi';
import { formatDecimal, formatShare, type Locale } from '../i18n/format';
import { t } from '../i18n/messages';
import type { TierDef } from '../schemes/types';
import { escapeHtml } from './escape';
import { FONT, firstParam, swatch, tierLookup, titleBlock } from './shared';

export interface PsiChartInput {
  readonly result: PsiResult;
  readonly tiers: readonly TierDef[];
  /** Name of the baseline period/population (e.g. 2025-06); user text, escaped in tooltips. */
  readonly expectedLabel: string;
  /** Name of the compared period/population. */
  readonly actualLabel: string;
  readonly locale: Locale;
  readonly title: string;
}

export const PSI_BAND_COLORS: Readonly<Record<PsiBand, string>> = { stable: '#1a9850', moderate: '#e08214', significant: '#d73027' };

export function psiBandLabel(band: PsiBand, locale: Locale): string {
  return t(locale, band === 'stable' ? 'chartPsiStable' : band === 'moderate' ? 'chartPsiModerate' : 'chartPsiSignificant');
}

/**
 * PSI with four decimals (values near the 0.1 band edge must be told apart), cut rather than
 * rounded so 0.09996 ("stable") never reads 0.1000; a tiny contribution keeps two significant
 * digits (0.000041) instead of 0.0000.
 */
export function formatPsi(v: number): string {
  // Below 0.01 no band edge is near: two significant digits say more than four cut decimals
  // (0.000175 would read 0.0001, and disagree with its own contributions).
  if (v !== 0 && Math.abs(v) < 0.01) return Math.abs(v) < 1e-6 ? v.toExponential(1) : String(Number(v.toPrecision(2)));
  return formatDecimal(v, 4, { pad: true });
}

/**
 * A contribution axis tick with all the decimals it has (0.00005, 0.000000025): ticks are nice
 * numbers, so they are short, and cutting them to fewer places would print 2.5e-8 and 2e-8 alike.
 */
const contributionTick = (v: number) => formatDecimal(v, 12);

const CONTRIBUTION_COLOR = '#6a1b9a';

/**
 * Population stability of the tier mix: expected (baseline, lighter) and actual share per tier
 * as grouped bars in the tier colors, each tier's PSI contribution as a line on a second axis,
 * and the PSI with its band — thresholds 0.1 and 0.25 spelt out — in the subtitle.
 *
 * The bars take every tier's color, which no legend swatch can show: a note under the chart
 * says which shade is which period, and the legend lists only the contribution line.
 */
export function buildPsiOption(input: PsiChartInput): EChartsOption {
  const { result, locale } = input;
  const tl = tierLookup(input.tiers, locale);
  const rows = result.perTier;
  const band = psiBandLabel(result.band, locale);
  const contributionName = t(locale, 'chartPsiContribution');
  const bandNote = t(locale, 'chartPsiBandNote');
  const subtitle = `{psi|PSI = ${formatPsi(result.psi)}} · {band|${band}}{note|${bandNote}}`;
  const bars = (which: 'expected' | 'actual') => ({
    name: which === 'expected' ? input.expectedLabel : input.actualLabel,
    type: 'bar' as const,
    barMaxWidth: 36,
    barGap: '10%',
    data: rows.map((r) => ({
      value: r[which],
      itemStyle: { color: tl.color(r.tier), opacity: which === 'expected' ? 0.4 : 1 },
    })),
    label: {
      show: rows.length <= 8,
      position: 'top' as const,
      fontSize: FONT.label,
      color: '#333',
      formatter: (p: { value?: unknown }) => formatShare(Number(p.value ?? 0)),
    },
  });

  return {
    animation: false,
    title: [{
      ...titleBlock(input.title),
      subtext: subtitle,
      subtextStyle: {
        fontSize: FONT.subtitle,
        color: '#555',
        rich: {
          psi: { fontSize: FONT.subtitle + 1, fontWeight: 'bold', color: '#222' },
          band: { fontSize: FONT.subtitle + 1, fontWeight: 'bold', color: PSI_BAND_COLORS[result.band] },
          note: { fontSize: FONT.label, color: '#666' },
        },
      },
    }, {
      text: t(locale, 'chartPsiBarsNote', { expected: input.expectedLabel, actual: input.actualLabel }),
      left: 16,
      bottom: 4,
      textStyle: { fontSize: FONT.label, fontWeight: 'normal', color: '#555' },
    }],
    grid: { left: 72, right: 80, top: 88, bottom: 64 },
    legend: { bottom: 0, right: 16, textStyle: { fontSize: FONT.label }, data: [contributionName] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = firstParam<{ dataIndex: number }>(params);
        const r = first === undefined ? undefined : rows[first.dataIndex];
        if (!r) return '';
        return [
          `${swatch(tl.color(r.tier))}<b>${tl.html(r.tier)}</b>`,
          `${escapeHtml(input.expectedLabel)}: ${formatShare(r.expected)}`,
          `${escapeHtml(input.actualLabel)}: ${formatShare(r.actual)}`,
          `${escapeHtml(contributionName)}: ${formatPsi(r.contribution)}`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => tl.label(r.tier)), axisLabel: { fontSize: FONT.axis, interval: 0 } },
    yAxis: [
      {
        type: 'value',
        name: t(locale, 'chartShareOfCustomers'),
        min: 0,
        nameTextStyle: { fontSize: FONT.axis },
        axisLabel: { fontSize: FONT.axis, formatter: (v: number) => formatShare(v) },
      },
      {
        type: 'value',
        name: contributionName,
        min: 0,
        nameTextStyle: { fontSize: FONT.axis },
        axisLabel: { fontSize: FONT.axis, formatter: contributionTick },
        splitLine: { show: false },
      },
    ],
    series: [
      bars('expected'),
      bars('actual'),
      {
        name: contributionName,
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => r.contribution),
        symbolSize: 7,
        lineStyle: { color: CONTRIBUTION_COLOR, width: 2 },
        itemStyle: { color: CONTRIBUTION_COLOR },
      },
    ],
  };
}
