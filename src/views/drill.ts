import type { Segment } from '../analysis/drill-sql';
import { gapToNextTier } from '../analysis/near-threshold';
import type { LadderBound } from '../analysis/sensitivity';
import type { Row } from '../engine/rows';
import type { DrillList } from '../app/analyst';
import { formatPeriod, type Locale } from '../i18n/format';
import { labelIn, t, type MessageKey, type MessageVars } from '../i18n/messages';
import type { Scheme, TierDef } from '../schemes/types';
import { tableContext } from './table';
import type { TableData } from './view';

/** What a customer list is of, and how many, as a catalog message and its values. */
export function drillMessage(segment: Segment, customers: number, tiers: readonly TierDef[], locale: Locale): { key: MessageKey; vars: MessageVars } {
  const { name } = tableContext(tiers, locale, 'yuan');
  if (segment.kind === 'move') {
    return { key: 'drillMove', vars: { fromTier: name(segment.fromTier), toTier: name(segment.toTier), from: formatPeriod(segment.from), to: formatPeriod(segment.to), n: customers } };
  }
  const period = segment.period === null ? '—' : formatPeriod(segment.period);
  return segment.group === undefined
    ? { key: 'drillTier', vars: { tier: name(segment.tier), period, n: customers } }
    : { key: 'drillTierGroup', vars: { group: groupValueText(segment.group.value, locale), tier: name(segment.tier), period, n: customers } };
}

/** A group's value as shown: the data's own text, or "(empty)" in the page's language. */
export function groupValueText(value: string | null, locale: Locale): string {
  return value === null ? t(locale, 'filterEmptyValue') : value;
}

/** What a customer list is of, and how many: `贵宾 · 2025-12：1,836 位客户`. */
export function drillTitle(segment: Segment, customers: number, tiers: readonly TierDef[], locale: Locale): string {
  const { key, vars } = drillMessage(segment, customers, tiers, locale);
  return t(locale, key, vars);
}

/**
 * The customer list as a table in the page's language: id, name and branch where the data has
 * them, the tier (both ends for a move), the amount (both ends for a move) and, for a ladder,
 * the next tier up and the gap to its bound. Names keep their
 * dataset column in `sources`, so they are masked and exported as level A everywhere.
 */
export interface DrillOptions {
  /** A ladder's bounds: the list says each customer's next tier up and the gap to it. */
  readonly bounds?: readonly LadderBound[];
  /** The header of a scheme's own result column (`DrillList.extras`). */
  readonly extraHeader?: (column: string) => string;
}

/** What a scheme adds to its customer lists: a ladder's bounds, the headers of its own columns. */
export function drillOptionsOf(scheme: Scheme, locale: Locale): DrillOptions {
  if (scheme.kind === 'ladder') return { bounds: scheme.bounds };
  const headers: Record<string, string> =
    scheme.kind === 'quadrant'
      ? { x: labelIn(locale, scheme.x.label), y: labelIn(locale, scheme.y.label) }
      : { score: t(locale, 'colScore'), r_score: t(locale, 'colRScore'), f_score: t(locale, 'colFScore'), m_score: t(locale, 'colMScore') };
  return { extraHeader: (column) => headers[column] ?? column };
}

export function drillTable(list: DrillList, tiers: readonly TierDef[], locale: Locale, metric: 'yuan' | 'none', options: DrillOptions = {}): TableData {
  const { bounds } = options;
  const c = tableContext(tiers, locale, metric);
  const id = c.h('colCustomer');
  const person = c.h('colCustomerName');
  const branch = c.h('colBranch');
  const move = list.segment.kind === 'move';
  const tierCols = move ? [c.h('colFromTier'), c.h('colToTier')] : [c.h('colTier')];
  const amountCols = !list.amount ? [] : move ? [c.inMetric('colAmountFrom'), c.inMetric('colAmountTo')] : [c.inMetric('colAmount')];
  // A ladder's list says how far each customer is from the next tier up (at the end of a move).
  const gapCols = bounds && list.amount ? [c.h('colNextTier'), c.inMetric('colGapNext')] : [];
  const extras = (list.extras ?? []).map((column) => ({ column, header: options.extraHeader?.(column) ?? column }));
  const columns = [id, ...(list.name ? [person] : []), ...(list.branch ? [branch] : []), ...tierCols, ...extras.map((e) => e.header), ...amountCols, ...gapCols];
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const gapOf = (r: Row) => {
    const v = num(move ? r.amount_to : r.amount);
    const g = v === null || !bounds ? null : gapToNextTier(v, bounds);
    return gapCols.length === 0 ? {} : { [gapCols[0]!]: g ? c.name(g.nextTier) : null, [gapCols[1]!]: g ? g.gap : null };
  };
  const rows = list.rows.map((r) => ({
    [id]: r.customer_id ?? null,
    ...(list.name ? { [person]: r.customer_name ?? null } : {}),
    ...(list.branch ? { [branch]: r.branch ?? null } : {}),
    ...(move ? { [tierCols[0]!]: c.name(String(r.from_tier)), [tierCols[1]!]: c.name(String(r.to_tier)) } : { [tierCols[0]!]: c.name(String(r.tier)) }),
    ...Object.fromEntries(extras.map((e) => [e.header, num(r[e.column])])),
    ...(amountCols.length === 2 ? { [amountCols[0]!]: num(r.amount_from), [amountCols[1]!]: num(r.amount_to) } : amountCols.length === 1 ? { [amountCols[0]!]: num(r.amount) } : {}),
    ...gapOf(r),
  }));
  return { columns, rows, formats: c.metricFormat(...amountCols, ...gapCols.slice(1)), sources: { [id]: 'customer_id', [person]: 'customer_name', [branch]: 'branch' } };
}
