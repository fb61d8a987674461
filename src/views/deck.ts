/**
 * A deck a manager can present, composed from the dashboard: a title slide (the scheme, the
 * periods, the data and the working thresholds), then one slide per chart. Pure, so which cells
 * become slides and what the title slide says are unit-tested (test/unit/deck.test.ts).
 */
import type { Filter } from '../analysis/filters';
import { filtersText } from './filter-text';
import type { DatasetInfo } from '../ingest/dataset';
import { formatAmount, formatCount, formatNumber, formatPeriod, formatShare, type Locale } from '../i18n/format';
import { labelIn, t } from '../i18n/messages';
import { knobsOf, type Knob } from '../schemes/knobs';
import type { Scheme } from '../schemes/types';
import { VIEW_KINDS, type Cell, type ViewKind } from '../notebook/types';
import { cellTitle } from '../notebook/types';
import { VIEWS } from './registry';

/**
 * Views drawn as a chart (their kind says `slide`). The others are a list or a panel
 * (overview, near-threshold customers, sensitivity table, before/after totals): not slides.
 */
export const CHART_VIEWS: ReadonlySet<ViewKind> = new Set(VIEW_KINDS.filter((kind) => VIEWS[kind].slide));

export interface DeckFact {
  readonly label: string;
  readonly value: string;
}

export type Slide =
  | {
      readonly kind: 'title';
      readonly heading: string;
      /** Period, comparison, data files, rows: what the numbers are about. */
      readonly facts: readonly DeckFact[];
      /** The working thresholds, formatted as the editor shows them (500万, 80.0%). */
      readonly thresholds: readonly DeckFact[];
    }
  | {
      readonly kind: 'cell';
      readonly cellId: string;
      readonly title: string;
      /** The filters in force in one line (empty without filters): every slide says what it shows. */
      readonly filters?: string;
    };

export interface DeckInput {
  readonly cells: readonly Cell[];
  /** The working scheme (validated); without one the title slide lists no thresholds. */
  readonly scheme: Scheme | undefined;
  readonly dataset: DatasetInfo | undefined;
  /** Names of the loaded files. */
  readonly files: readonly string[];
  /** Parameter values by name (`period`, `from`, `to`). */
  readonly params: Readonly<Record<string, unknown>>;
  /** The dashboard's filters in force. */
  readonly filters?: readonly Filter[];
  readonly locale: Locale;
}

/** Whether a cell is a slide of its own: a chart view or a chart of an SQL result. */
export function isSlideCell(cell: Cell): boolean {
  return cell.kind === 'chart' || (cell.kind === 'view' && CHART_VIEWS.has(cell.view));
}

/** A knob's value as a manager reads it: amounts in 万/亿 (K/M/B), shares in percent. */
export function formatKnobValue(knob: Pick<Knob, 'kind' | 'value'>, locale: Locale): string {
  switch (knob.kind) {
    case 'amount':
      return formatAmount(knob.value, locale);
    case 'share':
      return formatShare(knob.value);
    default:
      return formatNumber(knob.value);
  }
}

/** The working thresholds: a bound reads "≥ 500万" (a tier starts there), any other number as it is. */
export function thresholdFacts(scheme: Scheme, locale: Locale): DeckFact[] {
  return knobsOf(scheme).map((k) => {
    const value = formatKnobValue(k, locale);
    return { label: labelIn(locale, k.label), value: /^bounds\.\d+\.min$/.test(k.path) ? t(locale, 'deckAtLeast', { value }) : value };
  });
}

function titleSlide(input: DeckInput): Slide {
  const { scheme, dataset, files, params, locale } = input;
  const facts: DeckFact[] = [];
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? formatPeriod(v) : undefined);
  const period = text(params.period);
  const from = text(params.from);
  // Migration runs from the compare-with period to the period shown (or an older notebook's `to`).
  const to = text(params.to) ?? period;
  if (period) facts.push({ label: t(locale, 'deckPeriod'), value: period });
  if (from && to && from !== to) facts.push({ label: t(locale, 'deckCompare'), value: t(locale, 'deckFromTo', { from, to }) });
  if (files.length > 0) facts.push({ label: t(locale, 'deckFiles'), value: files.join(t(locale, 'listSep')) });
  if (input.filters?.length) facts.push({ label: t(locale, 'filtersInForce'), value: filtersText(input.filters, locale) });
  if (dataset) {
    const ps = dataset.periods;
    // The data's dates: what a reader asks first ("as of when?").
    if (ps.length > 0) facts.push({ label: t(locale, 'deckDataPeriods'), value: ps.length === 1 ? formatPeriod(ps[0]!) : t(locale, 'overviewPeriodRange', { n: ps.length, first: formatPeriod(ps[0]!), last: formatPeriod(ps.at(-1)!) }) });
    facts.push({ label: t(locale, 'deckRows'), value: formatCount(dataset.rows) });
  }
  return {
    kind: 'title',
    heading: scheme ? t(locale, 'deckHeading', { scheme: labelIn(locale, scheme.label) }) : t(locale, 'deckHeadingNoScheme'),
    facts,
    thresholds: scheme ? thresholdFacts(scheme, locale) : [],
  };
}

/**
 * The deck: the title slide (which takes in the overview's figures), then each chart cell in the
 * notebook's order. Parameters, the scheme editor, text, SQL tables and list views are left out:
 * a slide shows a result, not the controls that made it.
 */
export function composeDeck(input: DeckInput): Slide[] {
  const slides: Slide[] = [titleSlide(input)];
  const filters = input.filters?.length ? filtersText(input.filters, input.locale) : undefined;
  for (const cell of input.cells) if (isSlideCell(cell)) slides.push({ kind: 'cell', cellId: cell.id, title: cellTitle(cell, input.locale), ...(filters ? { filters } : {}) });
  return slides;
}
