import type { Row } from '../engine/rows';
import type { DatasetInfo } from '../ingest/dataset';
import { fieldByName, isFieldName } from '../ingest/vocabulary';
import { thresholdSensitivity, sortValues, type Sensitivity, type SortedValues } from '../analysis/sensitivity';
import { gini, lorenz, pareto, sortAmounts, topShare, type Curve, type SortedAmounts } from '../analysis/concentration';
import { movementTotals, transitionMatrix, sankeyFlows, type SankeyFlows, type TransitionCell, type TransitionMatrix } from '../analysis/migration';
import { projectTierMix, type Projection } from '../analysis/projection';
import { psi, type PsiResult } from '../analysis/psi';
import type { MoverTotals } from '../analysis/movers';
import type { MoverList } from '../analysis/movers-sql';
import type { TierCount } from '../analysis/tier-distribution';
import { histogramBins, type HistogramBin } from '../charts/histogram';
import { QUADRANT_MAX_POINTS } from '../charts/quadrant';
import { tiersOf, type LadderScheme, type Scheme } from '../schemes/types';
import type { ViewKind } from '../notebook/types';
import type { Analyst } from './analyst';
import { kpiOf, type Kpi } from '../analysis/kpi';
import { MissingFieldError } from '../schemes/compile';
import { isMessageKey, labelIn, t, type MessageKey, type MessageVars } from '../i18n/messages';
import type { Locale } from '../i18n/format';

/** Why a view does not apply, as a catalog message (said in the page's language when shown). */
export interface NotApplicable {
  readonly code: MessageKey;
  readonly params: MessageVars;
}

/** A not-applicable reason in the page's language: the scheme by its label, the kind and field by name. */
export function notApplicableText(locale: Locale, reason: NotApplicable): string {
  const p = reason.params;
  const kind = typeof p.kind === 'string' && isMessageKey(p.kind) ? t(locale, p.kind) : p.kind;
  const field = typeof p.field === 'string' && isFieldName(p.field) ? `${labelIn(locale, fieldByName(p.field).labels)} (${p.field})` : p.field;
  const scheme = p.schemeZh !== undefined && p.schemeEn !== undefined ? labelIn(locale, { zh: String(p.schemeZh), en: String(p.schemeEn) }) : String(p.scheme ?? '');
  return t(locale, reason.code, { ...p, scheme, ...(kind !== undefined ? { kind } : {}), ...(field !== undefined ? { field } : {}) });
}

/** What a view cell shows, computed from the data; the UI turns it into charts and tables. */
export type ViewModel =
  | { readonly view: 'not-applicable'; readonly reason: NotApplicable }
  | { readonly view: 'overview'; readonly dataset: DatasetInfo }
  | { readonly view: 'kpi'; readonly period: string | null; readonly kpi: Kpi }
  | { readonly view: 'tiers'; readonly period: string | null; readonly counts: readonly TierCount[]; readonly warnings: readonly string[]; readonly amountField?: string }
  | { readonly view: 'tier-mix'; readonly periods: readonly string[]; readonly counts: Readonly<Record<string, readonly TierCount[]>> }
  | { readonly view: 'tier-by-branch'; readonly period: string | null; readonly rows: readonly Row[] }
  | {
      readonly view: 'quadrant';
      readonly period: string | null;
      readonly counts: readonly TierCount[];
      readonly points: readonly { x: number; y: number }[];
      readonly density?: { xEdges: number[]; yEdges: number[]; counts: number[][] };
      readonly xRange: readonly [number, number];
      readonly yRange: readonly [number, number];
      readonly xCut: number;
      readonly yCut: number;
    }
  | { readonly view: 'migration'; readonly from: string; readonly to: string; readonly cells: readonly TransitionCell[]; readonly matrix: TransitionMatrix }
  | { readonly view: 'sankey'; readonly periods: readonly string[]; readonly flows: SankeyFlows }
  | { readonly view: 'histogram'; readonly period: string | null; readonly bins: readonly HistogramBin[]; readonly log: boolean; readonly thresholds: readonly { tier: string; value: number }[] }
  | { readonly view: 'lorenz'; readonly period: string | null; readonly lorenz: Curve; readonly pareto: Curve; readonly gini: number; readonly topShare: number }
  | { readonly view: 'psi'; readonly from: string; readonly to: string; readonly result: PsiResult }
  | { readonly view: 'projection'; readonly from: string; readonly to: string; readonly projection: Projection }
  | { readonly view: 'near'; readonly period: string | null; readonly rows: readonly Row[] }
  | { readonly view: 'sensitivity'; readonly period: string | null; readonly result: Sensitivity }
  | {
      readonly view: 'before-after';
      readonly period: string | null;
      readonly totals?: MoverTotals;
      readonly changed: boolean;
      /** The top movers by amount; absent while they are being listed (never an earlier move's list). */
      readonly movers?: MoverList;
    };

export interface ViewInputs {
  readonly scheme: Scheme;
  readonly saved: Scheme | null;
  readonly dataset: DatasetInfo;
  readonly params: Readonly<Record<string, unknown>>;
  /** False while a slider moves: the before/after view answers its totals alone (default true). */
  readonly listMovers?: boolean;
}

/** How many movers the before/after view lists (the full list is exported). */
export const TOP_MOVERS = 20;

/** True while the working scheme differs from the saved one (a slider is being moved). */
function tuning(inputs: ViewInputs): boolean {
  return inputs.saved !== null && JSON.stringify(inputs.saved) !== JSON.stringify(inputs.scheme);
}

/** Why a view has nothing to show (a scheme kind it does not apply to, too few periods…). */
/** Why a view does not apply to this data or scheme, and what would fix it: a catalog message. */
export class ViewNotApplicable extends Error {
  constructor(
    readonly code: MessageKey,
    readonly params: MessageVars = {},
  ) {
    super(t('en', code, params));
  }
}

const KIND_TEXT: Record<Scheme['kind'], MessageKey> = {
  ladder: 'kindLadder', rules: 'kindRules', scorecard: 'kindScorecard', quadrant: 'kindQuadrant', profile: 'kindProfile', pareto: 'kindPareto', rfm: 'kindRfm',
};
/** A scheme's name and kind as the not-applicable messages say them (labels follow the page's language). */
const schemeVars = (scheme: Scheme) => ({ scheme: scheme.id, schemeZh: scheme.label.zh, schemeEn: scheme.label.en, kind: KIND_TEXT[scheme.kind] });

const sortedCache = new WeakMap<object, SortedValues>();
const amountCache = new WeakMap<object, SortedAmounts>();
const binCache = new WeakMap<object, { bins: HistogramBin[]; log: boolean }>();
const quadrantCache = new WeakMap<object, { x: [number, number]; y: [number, number]; densities: Map<string, { xEdges: number[]; yEdges: number[]; counts: number[][] }> }>();

function param(inputs: ViewInputs, options: Readonly<Record<string, unknown>>, key: string, fallback: string | null): string | null {
  const name = options[key];
  const v = typeof name === 'string' ? inputs.params[name] : undefined;
  return typeof v === 'string' && v !== '' ? v : fallback;
}

function ladderOnly(scheme: Scheme): LadderScheme {
  if (scheme.kind !== 'ladder') throw new ViewNotApplicable('viewLadderOnly', schemeVars(scheme));
  return scheme;
}

/**
 * Computes one view. Threshold-dependent numbers come from the analyst's tuners where it has
 * them (so they follow a slider), the rest from SQL; both honour `signal`.
 */
export async function computeView(view: ViewKind, options: Readonly<Record<string, unknown>>, inputs: ViewInputs, analyst: Analyst, signal?: AbortSignal): Promise<ViewModel> {
  try {
    return await compute(view, options, inputs, analyst, signal);
  } catch (e) {
    // Not an error: this view does not apply here (shown as a note, not in red).
    if (e instanceof ViewNotApplicable) return { view: 'not-applicable', reason: { code: e.code, params: e.params } };
    if (e instanceof MissingFieldError) return { view: 'not-applicable', reason: { code: 'viewNeedsField', params: { ...schemeVars(inputs.scheme), field: e.field } } };
    throw e;
  }
}

async function compute(view: ViewKind, options: Readonly<Record<string, unknown>>, inputs: ViewInputs, analyst: Analyst, signal?: AbortSignal): Promise<ViewModel> {
  const { scheme, dataset } = inputs;
  const latest = dataset.periods.at(-1) ?? null;
  const period = param(inputs, options, 'periodParam', latest);
  const from = param(inputs, options, 'fromParam', dataset.periods.at(-2) ?? null);
  const to = param(inputs, options, 'toParam', latest);
  const twoPeriods = () => {
    if (from === null || to === null || from === to) throw new ViewNotApplicable('viewTwoPeriods');
    return [from, to] as const;
  };
  const order = tiersOf(scheme).map((t) => t.id);

  switch (view) {
    case 'overview':
      return { view, dataset };
    case 'kpi': {
      const r = await analyst.tiers(scheme, period, signal);
      const amountField = scheme.kind === 'ladder' && isFieldName(scheme.metric) && fieldByName(scheme.metric).kind === 'amount' ? scheme.metric : undefined;
      // Up/down since the compare period, when there is one (the fast path answers it while tuning).
      let moves: { from: string; up: number; down: number } | undefined;
      if (from !== null && period !== null && dataset.periods.indexOf(from) >= 0 && dataset.periods.indexOf(from) < dataset.periods.indexOf(period)) {
        const cells = await analyst.migration(scheme, from, period, { fast: true, signal });
        const totals = movementTotals(transitionMatrix(cells, order), order);
        moves = { from, up: totals.up, down: totals.down };
      }
      return { view, period, kpi: kpiOf(r.counts, order, amountField !== undefined, moves) };
    }
    case 'tiers': {
      const r = await analyst.tiers(scheme, period, signal);
      const amountField = scheme.kind === 'ladder' && isFieldName(scheme.metric) && fieldByName(scheme.metric).kind === 'amount' ? scheme.metric : undefined;
      return { view, period, counts: r.counts, warnings: r.warnings, amountField };
    }
    case 'tier-mix': {
      const periods = dataset.periods.length > 0 ? dataset.periods : [];
      if (periods.length === 0) throw new ViewNotApplicable('viewNoPeriods');
      return { view, periods, counts: await analyst.tierMix(scheme, periods, signal) };
    }
    case 'tier-by-branch':
      if (!dataset.fields.includes('branch')) throw new ViewNotApplicable('viewNoBranch');
      return { view, period, rows: await analyst.tierByBranch(scheme, period, signal) };
    case 'quadrant': {
      if (scheme.kind !== 'quadrant') throw new ViewNotApplicable('viewQuadrantOnly', schemeVars(scheme));
      const tuner = await analyst.quadrantTuner(scheme, period, signal);
      const counts = tuner.counts(scheme.x.cut, scheme.y.cut);
      // The data's extent, sample and density are computed once per tuner: a cut-line drag only
      // moves the cuts (and widens the axes if a cut leaves the data's range).
      let shape = quadrantCache.get(tuner);
      if (!shape) {
        const extent = (v: Float64Array): [number, number] => {
          let lo = Infinity;
          let hi = -Infinity;
          for (const x of v) {
            if (x < lo) lo = x;
            if (x > hi) hi = x;
          }
          return lo <= hi ? [lo, hi] : [0, 1];
        };
        shape = { x: extent(tuner.x), y: extent(tuner.y), densities: new Map() };
        quadrantCache.set(tuner, shape);
      }
      const padded = ([lo, hi]: readonly [number, number], cut: number): [number, number] => {
        const a = Math.min(lo, cut);
        const b = Math.max(hi, cut);
        const pad = (b - a) * 0.04 || 1;
        return [a - pad, b + pad];
      };
      const xRange = padded(shape.x, scheme.x.cut);
      const yRange = padded(shape.y, scheme.y.cut);
      const dense = tuner.x.length > QUADRANT_MAX_POINTS;
      const edges = ([lo, hi]: readonly [number, number], n: number) => Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
      let density: { xEdges: number[]; yEdges: number[]; counts: number[][] } | undefined;
      if (dense) {
        const key = `${xRange.join(',')}|${yRange.join(',')}`;
        density = shape.densities.get(key);
        if (!density) {
          const xEdges = edges(xRange, 60);
          const yEdges = edges(yRange, 40);
          density = { xEdges, yEdges, counts: tuner.density(xEdges, yEdges) };
          shape.densities.set(key, density);
        }
      }
      return { view, period, counts, points: dense ? [] : tuner.sample(QUADRANT_MAX_POINTS), density, xRange, yRange, xCut: scheme.x.cut, yCut: scheme.y.cut };
    }
    case 'migration': {
      const [f, t] = twoPeriods();
      // While thresholds are being tuned, counts come from the fast path; at rest, SQL adds amounts.
      const cells = await analyst.migration(scheme, f, t, { fast: tuning(inputs), signal });
      return { view, from: f, to: t, cells, matrix: transitionMatrix(cells, order) };
    }
    case 'sankey': {
      const [f0, t] = twoPeriods();
      // With `span`, the chain reaches back that many periods before `to` (a multi-period view
      // even when from/to are consecutive); at most six steps so the chart stays legible.
      const span = typeof options.span === 'number' ? options.span : 0;
      const spanStart = dataset.periods[Math.max(0, dataset.periods.indexOf(t) - span)] ?? f0;
      const f = spanStart < f0 ? spanStart : f0;
      const all = dataset.periods.filter((p) => p >= f && p <= t);
      const step = Math.max(1, Math.ceil((all.length - 1) / 6));
      const chain = all.filter((_p, i) => i % step === 0 || i === all.length - 1);
      const steps: TransitionCell[][] = [];
      for (let i = 0; i + 1 < chain.length; i++) steps.push(await analyst.migration(scheme, chain[i]!, chain[i + 1]!, { fast: true, signal }));
      return { view, periods: chain, flows: sankeyFlows(chain, steps, order) };
    }
    case 'histogram': {
      const s = ladderOnly(scheme);
      const tuner = await analyst.ladderTuner(s, period, signal);
      let cached = binCache.get(tuner);
      if (!cached) {
        const values = tuner.column.values;
        const log = values.length > 0 && values[values.length - 1]! > 1000 && isFieldName(s.metric) && fieldByName(s.metric).kind === 'amount';
        cached = { bins: histogramBins(values, 60, log), log };
        binCache.set(tuner, cached);
      }
      return { view, period, ...cached, thresholds: s.bounds.map((b) => ({ tier: b.tier, value: b.min })) };
    }
    case 'lorenz': {
      const s = ladderOnly(scheme);
      const tuner = await analyst.ladderTuner(s, period, signal);
      let sorted = amountCache.get(tuner);
      if (!sorted) amountCache.set(tuner, (sorted = sortAmounts(tuner.column.values)));
      return { view, period, lorenz: lorenz(sorted), pareto: pareto(sorted), gini: gini(sorted).gini, topShare: topShare(sorted, 0.2).share };
    }
    case 'psi': {
      const [f, t] = twoPeriods();
      const a = await analyst.tiers(scheme, f, signal);
      const b = await analyst.tiers(scheme, t, signal);
      const rec = (c: readonly TierCount[]) => Object.fromEntries(c.map((x) => [x.tier, x.customers]));
      return { view, from: f, to: t, result: psi(rec(a.counts), rec(b.counts), { tiers: order }) };
    }
    case 'projection': {
      const [f, t] = twoPeriods();
      const cells = await analyst.migration(scheme, f, t, { fast: true, signal });
      return { view, from: f, to: t, projection: projectTierMix(transitionMatrix(cells, order), 12) };
    }
    case 'near':
      return { view, period, rows: await analyst.near(ladderOnly(scheme), period, 2000, signal) };
    case 'sensitivity': {
      const s = ladderOnly(scheme);
      const tuner = await analyst.ladderTuner(s, period, signal);
      let sorted = sortedCache.get(tuner);
      if (!sorted) sortedCache.set(tuner, (sorted = sortValues(tuner.column.values)));
      return { view, period, result: thresholdSensitivity(sorted, s.bounds.map((b) => ({ tier: b.tier, min: b.min }))) };
    }
    case 'before-after': {
      const saved = inputs.saved ?? scheme;
      const changed = JSON.stringify(saved) !== JSON.stringify(scheme);
      if (!changed) return { view, period, changed };
      const fast = scheme.kind === 'ladder' && saved.kind === 'ladder' && saved.bounds.length === scheme.bounds.length;
      const totals = fast ? await analyst.beforeAfter(saved, scheme, period, signal) : await analyst.moverTotals(saved, scheme, period, signal);
      // The list needs SQL over both schemes (60–170 ms at 1M rows): while a slider moves only
      // the fast totals follow it; the controller asks for the list once the move settles.
      if (fast && inputs.listMovers === false) return { view, period, changed, totals };
      return { view, period, changed, totals, movers: await analyst.moverList(saved, scheme, period, { limit: TOP_MOVERS, signal }) };
    }
  }
}
