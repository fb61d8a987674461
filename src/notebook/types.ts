import type { Filter } from '../analysis/filters';
/**
 * The notebook model: an ordered list of cells. Cells read named values (parameters, the working
 * scheme, the dataset, another cell's result) and some produce one; `deps.ts` derives the graph,
 * `scheduler.ts` runs it. Pure data — plain JSON, no functions — so a notebook can be saved and
 * loaded as a file (`format: "tierlens-notebook"`, `version: 1`).
 */
import type { Scheme } from '../schemes/types';
import { t, type MessageKey } from '../i18n/messages';
import type { Locale } from '../i18n/format';

/** A JSON object whose shape is not known here. */
export type JsonObject = { readonly [key: string]: unknown };

/**
 * A working scheme: usually a valid `Scheme`, but while the user edits it, any JSON object
 * (validation happens where it is used).
 */
export type SchemeJson = Scheme | JsonObject;

export type CellKind = 'markdown' | 'sql' | 'param' | 'scheme' | 'view' | 'chart';

interface CellBase {
  /** Unique within the notebook; stable across edits and moves. */
  readonly id: string;
  readonly title?: string;
  /** The title is the catalog's message `titleKey` in the page's language (until the user renames the cell). */
  readonly titleKey?: MessageKey;
  readonly collapsed?: boolean;
}

/** Text; `{{name}}` shows the value of parameter `name`. */
export interface MarkdownCell extends CellBase {
  readonly kind: 'markdown';
  readonly text: string;
  /** The text is the catalog's message `textKey` in the page's language (until the user edits it); `text` keeps its `{{name}}` references. */
  readonly textKey?: MessageKey;
}

/** A user query; `$name` reads parameter `name` as a bound parameter (see `bind.ts`). */
export interface SqlCell extends CellBase {
  readonly kind: 'sql';
  readonly sql: string;
}

export type ParamControl = 'slider' | 'number' | 'select';
export type ParamValue = string | number | boolean | null;

/** A control producing a value under `name`. */
export interface ParamCell extends CellBase {
  readonly kind: 'param';
  readonly name: string;
  readonly control: ParamControl;
  readonly value: ParamValue;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  /** The choices of a `select`. */
  readonly options?: readonly ParamValue[];
  /** Shown in the notebook's bar (the period control) rather than as a card of its own. */
  readonly dock?: 'bar';
}

/** The working scheme; produces the value `scheme`. */
export interface SchemeCell extends CellBase {
  readonly kind: 'scheme';
  readonly schemeId: string;
  /** The scheme being worked on (what the views use). */
  readonly scheme: SchemeJson;
  /** The last saved version (for before/after comparisons and "unsaved changes"). */
  readonly saved: SchemeJson | null;
}

export const VIEW_KINDS = [
  'overview',
  'kpi',
  'tiers',
  'tier-mix',
  'tier-by-branch',
  'quadrant',
  'migration',
  'sankey',
  'histogram',
  'lorenz',
  'psi',
  'projection',
  'near',
  'sensitivity',
  'before-after',
  'segments',
] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

/**
 * A built-in analysis view. Reads `data`, `scheme` (except `overview`) and the parameters its
 * options name: any option whose key ends in `Param` holding a name (`periodParam: 'period'`,
 * `fromParam`, `toParam`), or ends in `Params` holding a list of names.
 */
export interface ViewCell extends CellBase {
  readonly kind: 'view';
  readonly view: ViewKind;
  readonly options: Readonly<Record<string, unknown>>;
}

export type ChartType = 'bar' | 'line' | 'pie' | 'scatter';

/** A chart of an SQL cell's result. */
export interface ChartCell extends CellBase {
  readonly kind: 'chart';
  /** Id of the SQL cell whose result is drawn. */
  readonly sourceCell: string;
  readonly chart: ChartType;
  /** Column names of the source result. */
  readonly x: string;
  readonly y: string;
  readonly series?: string;
}

export type Cell = MarkdownCell | SqlCell | ParamCell | SchemeCell | ViewCell | ChartCell;

/** The cell type of a given kind: `CellOf<'sql'>` is `SqlCell`. */
export type CellOf<K extends CellKind> = Extract<Cell, { readonly kind: K }>;

export interface Notebook {
  readonly format: 'tierlens-notebook';
  readonly version: 1;
  readonly title?: string;
  readonly cells: readonly Cell[];
  /** The dashboard's filters: every view reads only the rows they keep (saved with the notebook). */
  readonly filters?: readonly Filter[];
  /** Owned by save/load: column mapping of the data the notebook was built on. */
  readonly mapping?: Readonly<Record<string, unknown>>;
  /** Owned by save/load: the data files the notebook refers to. */
  readonly files?: Readonly<Record<string, unknown>>;
  /** Owned by save/load: view state (scroll position, layout, …). */
  readonly view?: Readonly<Record<string, unknown>>;
}

export const NOTEBOOK_FORMAT = 'tierlens-notebook';
export const NOTEBOOK_VERSION = 1;

/** An empty notebook. */
export function emptyNotebook(cells: readonly Cell[] = []): Notebook {
  return { format: NOTEBOOK_FORMAT, version: NOTEBOOK_VERSION, cells };
}

/** A cell's title in the page's language. */
export function cellTitle(cell: Cell, locale: Locale): string {
  return cell.titleKey ? t(locale, cell.titleKey) : (cell.title ?? '');
}
