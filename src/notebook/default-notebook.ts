/**
 * The notebook a user gets after choosing a scheme: a title, the data overview, the period
 * parameters, the scheme, and the analysis views that make sense for the scheme's kind and the
 * number of periods. Titles are catalog messages, shown in the page's language.
 */
import type { Locale } from '../i18n/format';
import { PRESETS } from '../schemes/presets';
import type { SchemeKind } from '../schemes/types';
import type { Cell, Notebook, ParamCell, SchemeJson, ViewCell, ViewKind } from './types';
import { labelIn, t, type MessageKey } from '../i18n/messages';

export interface DefaultNotebookOptions {
  readonly schemeId: string;
  readonly schemeKind: SchemeKind;
  /** Whether the scheme has two axes (a quadrant view makes sense). */
  readonly hasTwoAxes: boolean;
  /** The periods in the data, in any order (sorted here, naturally: `2024-2` before `2024-10`). */
  readonly periods: readonly string[];
  readonly locale: Locale;
  /** The working scheme; default: the built-in preset `schemeId` (throws when there is none). */
  readonly scheme?: SchemeJson;
  /** Whether the data has a branch column (the by-branch view needs one); default true. */
  readonly hasBranch?: boolean;
  /** The last saved version; default: `scheme`. */
  readonly saved?: SchemeJson | null;
}

const collator = new Intl.Collator('en', { numeric: true });

function sortedPeriods(periods: readonly string[]): string[] {
  return [...new Set(periods)].sort((a, b) => collator.compare(a, b));
}

/** Cell ids of a default notebook: a notebook made only of these has no cell of the user's. */
export const DEFAULT_CELL_IDS: ReadonlySet<string> = new Set([
  'title', 'kpi', 'overview', 'param-period', 'param-from', 'param-to', 'scheme', 'tiers', 'tier-mix', 'tier-by-branch', 'quadrant',
  'migration', 'sankey', 'psi', 'projection', 'histogram', 'lorenz', 'near', 'sensitivity', 'before-after',
]);

/** The title cell's text: the catalog message, its `{{…}}` references read by the notebook's graph. */
export function titleMessage(hasPeriods: boolean): MessageKey {
  return hasPeriods ? 'nbTitle' : 'nbTitleNoPeriod';
}

/** The title as stored: the page shows the catalog text with the live scheme, period and files. */
function storedTitle(locale: Locale, hasPeriods: boolean, scheme: string): string {
  return t(locale, titleMessage(hasPeriods), { scheme, period: '{{period}}', files: '' });
}

/** The default notebook for a scheme and the periods of the data. */
export function defaultNotebook(options: DefaultNotebookOptions): Notebook {
  const { schemeId, schemeKind, hasTwoAxes, locale } = options;
  const view = (id: string, titleKey: MessageKey, kind: ViewKind, viewOptions: Record<string, unknown> = {}): ViewCell => ({ id, kind: 'view', title: t(locale, titleKey), titleKey, view: kind, options: viewOptions });
  const select = (id: string, name: string, titleKey: MessageKey, values: readonly string[], value: string | null): ParamCell => ({
    id, kind: 'param', name, title: t(locale, titleKey), titleKey, control: 'select', value, options: values, dock: 'bar',
  });
  const periods = sortedPeriods(options.periods);
  const several = periods.length >= 2;
  const latest = periods[periods.length - 1] ?? null;
  const previous = periods[periods.length - 2] ?? latest;

  let scheme = options.scheme;
  if (scheme === undefined) {
    scheme = PRESETS.find((p) => p.id === schemeId);
    if (!scheme) throw new Error(`"${schemeId}" is not a built-in scheme; pass the scheme itself`);
  }
  const saved = options.saved === undefined ? scheme : options.saved;

  const period = { periodParam: 'period' };
  // Migration compares the compare-with period to the period shown: one choice drives the
  // figures' "moved up / down" and every migration view alike.
  const fromTo = { fromParam: 'from', toParam: 'period' };
  // The figures and the main charts first (the first screen answers the question); then the
  // threshold views beside the charts they move, so any stretch of the page shows charts that
  // follow a slider; the data overview last. Period choices sit in the notebook's bar.
  const ladder = schemeKind === 'ladder';
  const cells: Cell[] = [
    { id: 'title', kind: 'markdown', text: storedTitle(locale, periods.length > 0, labelOf(scheme, locale)), textKey: titleMessage(periods.length > 0) },
    select('param-period', 'period', 'nbPeriod', periods, latest),
  ];
  if (several) cells.push(select('param-from', 'from', 'nbFrom', periods, previous));
  cells.push(
    view('kpi', 'nbKpi', 'kpi', several ? { periodParam: 'period', fromParam: 'from' } : { periodParam: 'period' }),
    { id: 'scheme', kind: 'scheme', title: t(locale, 'nbScheme'), titleKey: 'nbScheme', schemeId, scheme, saved },
    view('tiers', 'nbTiers', 'tiers', period),
  );
  if (hasTwoAxes) cells.push(view('quadrant', 'nbQuadrant', 'quadrant', period));
  if (several) cells.push(view('tier-mix', 'nbTierMix', 'tier-mix'));
  if (ladder) cells.push(view('histogram', 'nbHistogram', 'histogram', period));
  if (options.hasBranch !== false) cells.push(view('tier-by-branch', 'nbByBranch', 'tier-by-branch', period));
  if (ladder) cells.push(view('near', 'nbNear', 'near', period), view('sensitivity', 'nbSensitivity', 'sensitivity', period));
  if (several) {
    cells.push(view('migration', 'nbMigration', 'migration', fromTo));
    cells.push(view('psi', 'nbPsi', 'psi', fromTo));
    cells.push(view('sankey', 'nbSankey', 'sankey', { ...fromTo, span: 6 }));
    cells.push(view('projection', 'nbProjection', 'projection', fromTo));
  }
  if (ladder) cells.push(view('lorenz', 'nbLorenz', 'lorenz', period));
  cells.push(view('before-after', 'nbBeforeAfter', 'before-after', period));
  cells.push(view('overview', 'nbOverview', 'overview'));
  return { format: 'tierlens-notebook', version: 1, cells };
}

const labelOf = (scheme: SchemeJson, locale: Locale): string => {
  const label = (scheme as { label?: { zh?: unknown; en?: unknown } }).label;
  return typeof label?.zh === 'string' && typeof label.en === 'string' ? labelIn(locale, { zh: label.zh, en: label.en }) : '';
};
