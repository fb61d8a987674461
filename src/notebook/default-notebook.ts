/**
 * The notebook a user gets after choosing a scheme: a title, the data overview, the period
 * parameters, the scheme, and the analysis views that make sense for the scheme's kind and the
 * number of periods. Titles are catalog messages, shown in the page's language.
 */
import type { Locale } from '../i18n/format';
import { PRESETS } from '../schemes/presets';
import type { SchemeKind } from '../schemes/types';
import type { Cell, Notebook, ParamCell, SchemeJson, ViewKind } from './types';
import { labelIn, t, type MessageKey } from '../i18n/messages';
import { viewDef } from '../views/registry';
import { meets, type Situation } from '../views/view';

export interface DefaultNotebookOptions {
  readonly schemeId: string;
  readonly schemeKind: SchemeKind;
  /** Whether the scheme has two axes; its kind says so (`quadrant`), which is what decides. */
  readonly hasTwoAxes?: boolean;
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

/**
 * The default notebook's views around its fixed cells, in order: the figures and the main charts
 * first (the first screen answers the question); then the threshold views beside the charts they
 * move, so any stretch of the page shows charts that follow a slider; the data overview last.
 * The period and compare-with choices are docked in the notebook's bar. Each view appears when
 * its kind applies (`inDefault`, else its needs).
 */
const LAYOUT: readonly (ViewKind | 'title' | 'scheme' | 'period' | 'from')[] = [
  'title', 'period', 'from', 'kpi', 'scheme', 'tiers', 'quadrant', 'tier-mix', 'histogram', 'tier-by-branch', 'near', 'sensitivity',
  'migration', 'psi', 'sankey', 'projection', 'lorenz', 'before-after', 'segments', 'overview',
];

/**
 * Cell ids of a default notebook: a notebook made only of these has no cell of the user's
 * (`param-to` too: notebooks saved before the single compare-with choice had it).
 */
export const DEFAULT_CELL_IDS: ReadonlySet<string> = new Set([
  ...LAYOUT.map((part) => (part === 'period' ? 'param-period' : part === 'from' ? 'param-from' : part)),
  'param-to',
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
  const { schemeId, schemeKind, locale } = options;
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

  const situation: Situation = { schemeKind, periods: periods.length, hasField: (name) => name !== 'branch' || options.hasBranch !== false };
  const cells: Cell[] = LAYOUT.flatMap((part): Cell[] => {
    switch (part) {
      case 'title':
        return [{ id: 'title', kind: 'markdown', text: storedTitle(locale, periods.length > 0, labelOf(scheme, locale)), textKey: titleMessage(periods.length > 0) }];
      case 'scheme':
        return [{ id: 'scheme', kind: 'scheme', title: t(locale, 'nbScheme'), titleKey: 'nbScheme', schemeId, scheme, saved }];
      case 'period':
        return [select('param-period', 'period', 'nbPeriod', periods, latest)];
      case 'from':
        return several ? [select('param-from', 'from', 'nbFrom', periods, previous)] : [];
      default: {
        const def = viewDef(part);
        if (!(def.inDefault ? def.inDefault(situation) : meets(def.needs, situation))) return [];
        return [{ id: part, kind: 'view', title: t(locale, def.cellTitleKey), titleKey: def.cellTitleKey, view: part, options: { ...(def.defaultOptions?.(situation) ?? def.options) } }];
      }
    }
  });
  return { format: 'tierlens-notebook', version: 1, cells };
}

const labelOf = (scheme: SchemeJson, locale: Locale): string => {
  const label = (scheme as { label?: { zh?: unknown; en?: unknown } }).label;
  return typeof label?.zh === 'string' && typeof label.en === 'string' ? labelIn(locale, { zh: label.zh, en: label.en }) : '';
};
