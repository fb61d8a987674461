import { compareSegments, type SegmentComparison } from '../../analysis/segments';
import { buildSegmentsOption, segmentOfSeriesId } from '../../charts/segments';
import { formatPeriod } from '../../i18n/format';
import { t } from '../../i18n/messages';
import { groupValueText } from '../drill';
import { categoryColumns } from '../group-fields';
import { PERIOD_OPTIONS, ViewNotApplicable, type SegmentCount, type ViewDef } from '../view';
import type { Segment } from '../../analysis/drill-sql';

export interface SegmentsModel {
  readonly view: 'segments';
  readonly period: string | null;
  /** The column the segments are values of. */
  readonly field: string;
  readonly comparison: SegmentComparison;
}

const SEGMENTS_HEIGHT = 440;

/** The values chosen in the options: text, or null for customers whose field is empty. */
function chosenValues(v: unknown): (string | null)[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string | null => x === null || typeof x === 'string') : undefined;
}

/**
 * Two to six segments of one field side by side (the largest four unless chosen): their tier
 * mixes against the whole, with each one's PSI against it. The field and values are the cell's
 * options, so a saved notebook keeps the comparison.
 */
export const segments: ViewDef<'segments', SegmentsModel> = {
  kind: 'segments',
  titleKey: 'viewSegments',
  cellTitleKey: 'nbSegments',
  width: 'full',
  chartHeight: SEGMENTS_HEIGHT,
  options: { ...PERIOD_OPTIONS, field: 'branch' },
  inDefault: (situation) => situation.hasField('branch'),
  slide: true,
  async compute({ scheme, dataset, options, analyst, period, order, signal }) {
    const columns = categoryColumns(dataset.columns);
    // The field asked for, else the branch, else the first category column the data has.
    const asked = typeof options.field === 'string' ? options.field : 'branch';
    const field = columns.find((c) => c.name === asked)?.name ?? columns.find((c) => c.name === 'branch')?.name ?? columns[0]?.name;
    if (field === undefined) throw new ViewNotApplicable('viewNoGroupField', { field: asked });
    const rows = await analyst.tierByGroup(scheme, period, field, signal);
    const values = field === asked ? chosenValues(options.values) : undefined;
    return { view: 'segments', period, field, comparison: compareSegments(rows, order, values) };
  },
  segments: (model) => {
    const { comparison: c, period } = model;
    const out: SegmentCount[] = [];
    c.segments.forEach((s) =>
      c.tiers.forEach((tier, i) => {
        if (s.counts[i]! > 0) out.push({ segment: { kind: 'tier', period, tier, group: { field: model.field, value: s.value } }, customers: s.counts[i]! });
      }),
    );
    return out;
  },
  segmentAt: (model, click): Segment | undefined => {
    const hit = segmentOfSeriesId(click.seriesId);
    if (!hit) return undefined;
    if (hit.panel === 0) return { kind: 'tier', period: model.period, tier: hit.tier };
    const s = model.comparison.segments[hit.panel - 1];
    return s && { kind: 'tier', period: model.period, tier: hit.tier, group: { field: model.field, value: s.value } };
  },
  chart: (model, { tiers, locale, fieldLabel }) =>
    buildSegmentsOption({
      comparison: model.comparison,
      tiers,
      valueText: (v) => groupValueText(v, locale),
      locale,
      title: `${t(locale, 'viewSegments')} · ${fieldLabel(model.field)}${model.period ? ` · ${formatPeriod(model.period)}` : ''}`,
      height: SEGMENTS_HEIGHT,
    }),
  table(model, { h, name, locale }) {
    const c = model.comparison;
    const seg = h('colSegment');
    const customers = h('colCustomers');
    // Tiers without a customer in the whole are 0 % everywhere: left out, as in the chart.
    const shown = c.tiers.map((id, i) => ({ id, i })).filter(({ i }) => c.whole.counts[i]! > 0);
    const shares = shown.map(({ id }) => t(locale, 'colWithPercent', { header: name(id) }));
    const psiCol = h('colPsiVsWhole');
    const row = (label: string | null, n: number, counts: readonly number[], psi?: number) => ({
      [seg]: label,
      [customers]: n,
      ...Object.fromEntries(shares.map((col, k) => [col, n > 0 ? counts[shown[k]!.i]! / n : null])),
      [psiCol]: psi ?? null,
    });
    return {
      columns: [seg, customers, ...shares, psiCol],
      formats: Object.fromEntries(shares.map((col) => [col, 'share' as const])),
      sources: { [seg]: model.field },
      rows: [row(h('chartSegmentsWhole'), c.whole.customers, c.whole.counts), ...c.segments.map((s) => row(groupValueText(s.value, locale), s.customers, s.counts, s.psi))],
    };
  },
};
