import type { Segment } from '../analysis/drill-sql';
/**
 * What a view kind is made of (`ViewDef`), and what its parts are given. Each kind is one module
 * in `kinds/`, listed once in `registry.ts`; `compute.ts`, `chart.ts` and `table.ts` dispatch to it.
 */
import type { EChartsOption } from 'echarts';
import type { Row } from '../engine/rows';
import type { DatasetInfo } from '../ingest/dataset';
import { fieldByName, isFieldName } from '../ingest/vocabulary';
import type { Locale } from '../i18n/format';
import { isMessageKey, labelIn, t, type MessageKey, type MessageVars } from '../i18n/messages';
import type { ViewKind } from '../notebook/types';
import type { LadderScheme, Scheme, SchemeKind, TierDef } from '../schemes/types';
import type { Analyst } from '../app/analyst';
import type { MigrationMeasure } from '../charts/migration-heatmap';
import type { TierMixMeasure } from '../charts/tier-mix-over-time';

/** Why a view does not apply, as a catalog message (said in the page's language when shown). */
export interface NotApplicable {
  readonly code: MessageKey;
  readonly params: MessageVars;
}

/** Why a view does not apply to this data or scheme, and what would fix it: a catalog message. */
export class ViewNotApplicable extends Error {
  constructor(
    readonly code: MessageKey,
    readonly params: MessageVars = {},
  ) {
    super(t('en', code, params));
  }
}

/** A not-applicable reason in the page's language: the scheme by its label, the kind and field by name. */
export function notApplicableText(locale: Locale, reason: NotApplicable): string {
  const p = reason.params;
  const kind = typeof p.kind === 'string' && isMessageKey(p.kind) ? t(locale, p.kind) : p.kind;
  const field = typeof p.field === 'string' && isFieldName(p.field) ? `${labelIn(locale, fieldByName(p.field).labels)} (${p.field})` : p.field;
  const scheme = p.schemeZh !== undefined && p.schemeEn !== undefined ? labelIn(locale, { zh: String(p.schemeZh), en: String(p.schemeEn) }) : String(p.scheme ?? '');
  return t(locale, reason.code, { ...p, scheme, ...(kind !== undefined ? { kind } : {}), ...(field !== undefined ? { field } : {}) });
}

const KIND_TEXT: Record<SchemeKind, MessageKey> = {
  ladder: 'kindLadder', rules: 'kindRules', scorecard: 'kindScorecard', quadrant: 'kindQuadrant', profile: 'kindProfile', pareto: 'kindPareto', rfm: 'kindRfm',
};
/** A scheme's name and kind as the not-applicable messages say them (labels follow the page's language). */
export const schemeVars = (scheme: Scheme): MessageVars => ({ scheme: scheme.id, schemeZh: scheme.label.zh, schemeEn: scheme.label.en, kind: KIND_TEXT[scheme.kind] });

/** The amount field a ladder tiers by, when its metric is an amount (tables and key figures show it in yuan). */
export function amountFieldOf(scheme: Scheme): string | undefined {
  return scheme.kind === 'ladder' && isFieldName(scheme.metric) && fieldByName(scheme.metric).kind === 'amount' ? scheme.metric : undefined;
}

/**
 * What a view needs to apply, each with the catalog message said when it is missing. Checked
 * before the view computes (`compute.ts`) and when the default notebook picks its views.
 */
export interface ViewNeeds<S extends SchemeKind = SchemeKind> {
  /** A scheme of this kind (the view reads its thresholds or axes). */
  readonly scheme?: { readonly kind: S; readonly reason: MessageKey };
  /** A dataset column (by canonical field name). */
  readonly field?: { readonly name: string; readonly reason: MessageKey };
  /** 1: the data has periods; 2: two different periods are chosen to compare (`from`, `to`). */
  readonly periods?: { readonly atLeast: 1 | 2; readonly reason: MessageKey };
}

/** What the default notebook knows when it picks views: the scheme's kind, the periods, the columns. */
export interface Situation {
  readonly schemeKind: SchemeKind;
  readonly periods: number;
  readonly hasField: (name: string) => boolean;
}

/** Whether `needs` are met in `situation` (two periods to compare need two in the data). */
export function meets(needs: ViewNeeds | undefined, situation: Situation): boolean {
  if (!needs) return true;
  if (needs.scheme && needs.scheme.kind !== situation.schemeKind) return false;
  if (needs.field && !situation.hasField(needs.field.name)) return false;
  return !needs.periods || situation.periods >= needs.periods.atLeast;
}

export type ViewOptions = Readonly<Record<string, unknown>>;

export interface ViewInputs {
  readonly scheme: Scheme;
  readonly saved: Scheme | null;
  readonly dataset: DatasetInfo;
  readonly params: Readonly<Record<string, unknown>>;
  /** False while a slider moves: the before/after view answers its totals alone (default true). */
  readonly listMovers?: boolean;
}

/** What a view's compute is given: its inputs, with the parameters its options name resolved. */
export interface ViewContext<S extends Scheme = Scheme> extends ViewInputs {
  readonly scheme: S;
  readonly options: ViewOptions;
  readonly analyst: Analyst;
  readonly signal: AbortSignal | undefined;
  /** The period shown (`periodParam`; default the latest). */
  readonly period: string | null;
  /** The periods compared (`fromParam`, `toParam`; default the last two). */
  readonly from: string | null;
  readonly to: string | null;
  /** `from` and `to`, for views that need two periods (checked before they compute). */
  readonly pair: () => readonly [string, string];
  /** Tier ids, best first. */
  readonly order: readonly string[];
  /** True while the working scheme differs from the saved one (a slider is being moved). */
  readonly tuning: () => boolean;
}

export interface ChartChoices {
  readonly migrationMeasure?: MigrationMeasure;
  readonly mixMeasure?: TierMixMeasure;
}

/** What a view's chart builder is given besides its model. */
export interface ChartContext {
  readonly scheme: Scheme;
  readonly tiers: readonly TierDef[];
  readonly locale: Locale;
  readonly title: string;
  readonly choices: ChartChoices;
  /** A dataset field by its label in the page's language (any other name as it is). */
  readonly fieldLabel: (name: string) => string;
}

export interface TableData {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  /** How a column is shown (exports keep the raw numbers). */
  readonly formats?: Readonly<Record<string, 'share' | 'amount'>>;
  /** The dataset column a shown column holds, where its header is translated (privacy levels are by dataset column). */
  readonly sources?: Readonly<Record<string, string>>;
}

/** What a view's table builder is given: the headers in the page's language and the units. */
export interface TableContext {
  readonly tiers: readonly TierDef[];
  readonly locale: Locale;
  readonly metric: 'yuan' | 'none';
  /** A header. */
  readonly h: (key: MessageKey) => string;
  /** A header in yuan / in percent / in the metric's unit. */
  readonly yuan: (key: MessageKey) => string;
  readonly percent: (key: MessageKey) => string;
  readonly inMetric: (key: MessageKey) => string;
  /** `columns` shown as amounts when the metric is in yuan. */
  readonly metricFormat: (...columns: string[]) => Record<string, 'amount'>;
  /** A tier by its label (new and gone customers by name). */
  readonly name: (id: string) => string;
}

/**
 * One view kind. `M` is its model (what compute returns, the chart and table read); `S` the
 * scheme it is computed with (narrowed by `needs.scheme`).
 */
export interface ViewDef<K extends ViewKind, M extends { readonly view: K }, S extends Scheme = Scheme> {
  readonly kind: K;
  /** The view's name (the add menu, an untitled cell). */
  readonly titleKey: MessageKey;
  /** Its cell's title in the default notebook. */
  readonly cellTitleKey: MessageKey;
  /** On a wide screen: a full row, or half of one (two charts side by side). */
  readonly width: 'full' | 'half';
  /** Chart and table heights in pixels, where not the usual 360 and 240. */
  readonly chartHeight?: number;
  readonly tableHeight?: number;
  readonly needs?: ViewNeeds<S['kind']>;
  /** Whether the default notebook has it; default: when its needs are met. */
  readonly inDefault?: (situation: Situation) => boolean;
  /** Its options as a new cell (the add menu); the parameters named here are what it reads. */
  readonly options: ViewOptions;
  /** Its options in the default notebook; default `options`. */
  readonly defaultOptions?: (situation: Situation) => ViewOptions;
  /** False: it does not read the scheme (the dependency graph leaves `scheme` out). */
  readonly readsScheme?: false;
  /** A slide of its own in the deck (it draws a chart); lists and panels are not. */
  readonly slide: boolean;
  /** It shows individual customers: left out of the shipped first-view snapshot. */
  readonly customerLevel?: true;
  readonly compute: (ctx: ViewContext<S>) => Promise<M> | M;
  /** The segments whose customers can be listed (the keyboard's way in), largest first. */
  readonly segments?: (model: M) => readonly SegmentCount[];
  /** The segment under a click on the chart, if the click hit one. */
  readonly segmentAt?: (model: M, click: ChartClick) => Segment | undefined;
  readonly chart?: (model: M, ctx: ChartContext) => EChartsOption | undefined;
  readonly table?: (model: M, ctx: TableContext) => TableData | undefined;
}

/** What ECharts says of a click on a chart element. */
export interface ChartClick {
  readonly seriesIndex?: number;
  readonly seriesId?: string;
  readonly seriesName?: string;
  readonly dataIndex?: number;
  readonly name?: string;
  readonly value?: unknown;
  /** `edge` for a link of a graph or Sankey, `node` for its node. */
  readonly dataType?: string;
  readonly data?: unknown;
}

/** A segment and its customers (rows of the period), as the chart counts them. */
export interface SegmentCount {
  readonly segment: Segment;
  readonly customers: number;
}

/** Options of views that read the period shown, or the two compared. */
export const PERIOD_OPTIONS: ViewOptions = { periodParam: 'period' };
// Migration runs from the compare-with period to the period shown: one choice drives the
// figures' moves and every migration view alike.
export const FROM_TO_OPTIONS: ViewOptions = { fromParam: 'from', toParam: 'period' };
/** Views comparing two periods: they read `from` and `to`, which must differ. */
export const COMPARING = { options: FROM_TO_OPTIONS, needs: { periods: { atLeast: 2, reason: 'viewTwoPeriods' } } } as const satisfies Partial<ViewDef<ViewKind, never>>;
/** Views of a ladder's metric in the period shown. */
export const LADDER_AT_PERIOD = { options: PERIOD_OPTIONS, needs: { scheme: { kind: 'ladder', reason: 'viewLadderOnly' } } } as const satisfies Partial<ViewDef<ViewKind, never, LadderScheme>>;

/** `make()` once per `key` (a tuner: its data changes only with the period or the data). */
export function once<K extends object, V>(cache: WeakMap<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}
