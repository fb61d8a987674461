import type { EChartsOption } from 'echarts';
import { GONE } from '../analysis/migration';
import { PROJECTION_NOTE, type Projection } from '../analysis/projection';
import { formatDecimal, formatNumber, formatPeriod, formatShare, type Locale } from '../i18n/format';
import { t } from '../i18n/messages';
import type { TierDef } from '../schemes/types';
import { escapeHtml } from './escape';
import { FONT, LIGHT_GREY, countAxis, firstParam, swatch, tierIdsWithExtras, tierLookup } from './shared';

export interface ProjectionChartInput {
  readonly projection: Projection;
  readonly tiers: readonly TierDef[];
  /** Labels of steps n = 0..horizon (e.g. future month ends); default 当前, T+1, T+2… */
  readonly periodLabels?: readonly string[];
  readonly locale: Locale;
  readonly title: string;
}

/** Chinese wording of the analysis' standard note (other notes are shown as given). */
export const PROJECTION_NOTE_ZH = t('zh-CN', 'chartProjectionNote');

/**
 * Projected tier mix as a stacked area over the steps (best tier on top, cumulative leavers in
 * light grey above all). Everything after the start is visibly a projection: 预测/projection in
 * the title, dashed lighter areas, a shaded band with a label over the projected steps, and the
 * projection's note (its assumptions) in the subtitle.
 */
export function buildProjectionOption(input: ProjectionChartInput): EChartsOption {
  const { projection, locale } = input;
  const tl = tierLookup(input.tiers, locale);
  const steps = projection.steps;
  const seen = steps.flatMap((s) => Object.keys(s.mix)).filter((k) => k !== GONE);
  const ids = [...tierIdsWithExtras(input.tiers, seen).filter((id) => steps.some((s) => id in s.mix)), GONE];
  const labelOf = (id: string) => (id === GONE ? t(locale, 'chartGoneCumulative') : tl.label(id));
  const colorOf = (id: string) => (id === GONE ? LIGHT_GREY : tl.color(id));
  const stepLabel = (k: number): string => {
    const given = input.periodLabels?.[k];
    if (given !== undefined) return formatPeriod(given);
    const n = steps[k]?.n ?? k;
    return n === 0 ? t(locale, 'chartNow') : `T+${n}`;
  };
  const totals = steps.map((s) => ids.reduce((sum, id) => sum + (s.mix[id] ?? 0), 0));
  const note = projection.note === PROJECTION_NOTE ? t(locale, 'chartProjectionNote') : projection.note;
  const projected = t(locale, 'chartProjection');
  const marked = /预测|projection/i.test(input.title);
  const fullTitle = marked ? input.title : t(locale, 'chartProjectionTitle', { title: input.title });

  // Series from the bottom up: worst tier first, the best tier on top of the tiers, leavers last.
  const tierIds = ids.filter((id) => id !== GONE);
  const drawOrder = [...[...tierIds].reverse(), GONE];
  const series = drawOrder.map((id, k) => ({
    name: labelOf(id),
    type: 'line' as const,
    stack: 'projection',
    data: steps.map((s) => s.mix[id] ?? 0),
    symbol: 'none',
    lineStyle: { color: colorOf(id), width: 1.5, type: 'dashed' as const },
    itemStyle: { color: colorOf(id) },
    areaStyle: { color: colorOf(id), opacity: id === GONE ? 0.35 : 0.5 },
    // The band over the projected steps, with its label, drawn once.
    ...(k === 0 && steps.length > 1
      ? {
          markArea: {
            silent: true,
            itemStyle: { color: 'rgba(120,120,120,0.06)' },
            label: { show: true, position: 'insideTop' as const, fontSize: FONT.label, color: '#666', formatter: () => `${projected} →` },
            data: [[{ xAxis: stepLabel(1) }, { xAxis: stepLabel(steps.length - 1) }]] as never,
          },
        }
      : {}),
  }));

  return {
    animation: false,
    title: {
      text: fullTitle,
      left: 'center',
      textStyle: { fontSize: FONT.title },
      subtext: note,
      subtextStyle: { fontSize: FONT.label, color: '#666', width: 720, overflow: 'break', lineHeight: 16 },
    },
    grid: { left: 72, right: 32, top: 104, bottom: 64 },
    legend: { bottom: 0, icon: 'roundRect', data: ids.map(labelOf), textStyle: { fontSize: FONT.label } },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const first = firstParam<{ dataIndex: number }>(params);
        const k = first?.dataIndex;
        const s = k === undefined ? undefined : steps[k];
        if (k === undefined || !s) return '';
        const total = totals[k]!;
        const head = s.n === 0 ? `<b>${escapeHtml(stepLabel(k))}</b>` : `<b>${escapeHtml(stepLabel(k))}</b> (${escapeHtml(projected)})`;
        return [
          head,
          ...ids.map((id) => {
            const v = s.mix[id] ?? 0;
            const name = id === GONE ? escapeHtml(labelOf(id)) : tl.html(id);
            // Expected customers are fractional: one decimal, and 0.04 stays 0.04 rather than 0.
            return `${swatch(colorOf(id))}${name}: ${formatExpected(v)} (${formatShare(total > 0 ? v / total : 0)})`;
          }),
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', boundaryGap: false, data: steps.map((_, k) => stepLabel(k)), axisLabel: { fontSize: FONT.axis } },
    yAxis: {
      type: 'value',
      name: t(locale, 'chartExpectedCustomers'),
      nameTextStyle: { fontSize: FONT.axis },
      ...countAxis(),
    },
    series,
  };
}

/** Expected customers (fractional): one decimal, cut; a non-zero expectation never shows as 0. */
function formatExpected(v: number): string {
  return Number.isInteger(v) ? formatNumber(v) : formatDecimal(v, 1, { group: true });
}
