import type { EChartsOption } from 'echarts';
import type { PsiBand, PsiResult } from '../analysis/psi';
import { formatShare, type Locale } from '../i18n/format';
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
  const zh = locale === 'zh-CN';
  return band === 'stable' ? (zh ? '稳定' : 'stable') : band === 'moderate' ? (zh ? '轻微变化' : 'moderate shift') : zh ? '显著变化' : 'significant shift';
}

/** PSI with four decimals (values near the 0.1 band edge must be told apart). */
export function formatPsi(v: number): string {
  return Number.isFinite(v) ? v.toFixed(4) : '—';
}

const CONTRIBUTION_COLOR = '#6a1b9a';

/**
 * Population stability of the tier mix: expected (baseline, lighter) and actual share per tier
 * as grouped bars in the tier colors, each tier's PSI contribution as a line on a second axis,
 * and the PSI with its band — thresholds 0.1 and 0.25 spelt out — in the subtitle.
 */
export function buildPsiOption(input: PsiChartInput): EChartsOption {
  const { result, locale } = input;
  const zh = locale === 'zh-CN';
  const tl = tierLookup(input.tiers, locale);
  const rows = result.perTier;
  const band = psiBandLabel(result.band, locale);
  const contributionName = zh ? 'PSI贡献' : 'PSI contribution';
  const bandNote = zh ? '（< 0.1 稳定，0.1–0.25 轻微变化，≥ 0.25 显著变化）' : ' (< 0.1 stable, 0.1–0.25 moderate, ≥ 0.25 significant)';
  const subtitle = `{psi|PSI = ${formatPsi(result.psi)}} · {band|${band}}{note|${bandNote}}`;
  const bars = (which: 'expected' | 'actual') => ({
    name: which === 'expected' ? input.expectedLabel : input.actualLabel,
    type: 'bar' as const,
    barMaxWidth: 36,
    barGap: '10%',
    itemStyle: { color: which === 'expected' ? '#b0bec5' : '#546e7a' },
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
    title: {
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
    },
    grid: { left: 72, right: 80, top: 88, bottom: 64 },
    legend: {
      bottom: 0,
      textStyle: { fontSize: FONT.label },
      data: [
        { name: input.expectedLabel, itemStyle: { color: '#9e9e9e', opacity: 0.45 } },
        { name: input.actualLabel, itemStyle: { color: '#616161' } },
        { name: contributionName, itemStyle: { color: CONTRIBUTION_COLOR } },
      ],
    },
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
        name: zh ? '客户占比' : 'Share of customers',
        min: 0,
        nameTextStyle: { fontSize: FONT.axis },
        axisLabel: { fontSize: FONT.axis, formatter: (v: number) => formatShare(v) },
      },
      {
        type: 'value',
        name: contributionName,
        min: 0,
        nameTextStyle: { fontSize: FONT.axis },
        axisLabel: { fontSize: FONT.axis, formatter: (v: number) => String(Number(v.toFixed(4))) },
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
