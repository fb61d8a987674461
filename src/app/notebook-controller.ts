import type { Table } from 'apache-arrow';
import { toRows, type Row } from '../engine/rows';
import type { DatasetInfo } from '../ingest/dataset';
import { bindParams } from '../notebook/bind';
import { DEFAULT_CELL_IDS, defaultNotebook } from '../notebook/default-notebook';
import { addCell, moveCell, removeCell, updateCell, type CellPatch } from '../notebook/edit';
import { Scheduler } from '../notebook/scheduler';
import type { Cell, Notebook, SchemeCell, ViewCell } from '../notebook/types';
import { presetById } from '../schemes/presets';
import type { Scheme } from '../schemes/types';
import { validateScheme } from '../schemes/validate';
import { chooseScheme, chosenScheme, type SchemeChoice } from '../schemes/fit';
import { formatPeriod, type Locale } from '../i18n/format';
import { labelIn, t, type MessageVars } from '../i18n/messages';
import { CUSTOMER_LEVEL_VIEWS, decodeValue, viewKey, type FirstViewSnapshot } from './first-view';
import { computeView } from '../views/compute';
import type { ViewModel } from '../views/registry';
import type { MoverList } from '../analysis/movers-sql';
import { composeDeck, type Slide } from '../views/deck';
import { sameData } from './same';
import type { Workspace } from './workspace';
import { sameFilters, type Filter } from '../analysis/filters';
import type { Segment } from '../analysis/drill-sql';
import type { DrillList } from './analyst';

/** Rows an SQL cell shows at most; the full result can still be exported. */
export const SQL_ROW_LIMIT = 100_000;

/** How long a slider must rest before the before/after view lists its movers (SQL). */
export const MOVERS_SETTLE_MS = 250;

export interface SqlResult {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  readonly truncated: boolean;
}

/**
 * Owns the notebook document and its scheduler, and runs each cell against the workspace. The
 * UI edits the document through these methods and renders the scheduler's snapshot; it never
 * sees SQL, engines or tuners.
 */
export class NotebookController {
  private doc: Notebook;
  /** Last result of each view, kept when a re-run gives the same numbers (see sameData). */
  private readonly lastModels = new Map<string, unknown>();
  private readonly listeners = new Set<() => void>();
  /** Cell id → how many of its on-screen instances (page, slide) are in or near the viewport. */
  private readonly onScreen = new Map<string, number>();
  private showingAll = 0;
  private tracking = false;
  /** Precomputed views shown until the engine has the data they were computed from. */
  private precomputed: FirstViewSnapshot | undefined;
  /** Cell id → the key of its last result, while {@link computedViews} is wanted. */
  private keys: Map<string, string> | undefined;
  /** Which scheme the data got when it arrived, and why (shown above the notebook). */
  private choice: SchemeChoice | undefined;
  /** The language default notebooks are built in (their titles follow the page's language anyway). */
  private locale: Locale = 'zh-CN';
  /** Before/after cells: the inputs whose movers list is due (the move settled), and the wait for it. */
  private readonly moversDue = new Map<string, { key: string; dataset: DatasetInfo }>();
  private readonly settleTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Why the last filters could not apply (shown above the notebook), if they could not. */
  filterProblem: unknown;
  readonly scheduler: Scheduler;

  constructor(
    private readonly workspace: Workspace,
    initial: Notebook,
  ) {
    this.doc = initial;
    this.scheduler = new Scheduler({
      run: (cell, inputs, signal) => this.run(cell, inputs, signal),
      cells: initial.cells,
      externals: { data: workspace.getState().dataset },
    });
  }

  /** The preset a first dataset's notebook opens with. */
  static readonly DEFAULT_PRESET = 'retail-aum';

  /** A default notebook for a scheme (a preset id, or a scheme of the user's) over the loaded data. */
  static defaultFor(scheme: string | Scheme, dataset: DatasetInfo | undefined, locale: Locale): Notebook {
    const s = typeof scheme === 'string' ? presetById(scheme) : scheme;
    return defaultNotebook({ schemeId: s.id, schemeKind: s.kind, hasTwoAxes: s.kind === 'quadrant', periods: dataset?.periods ?? [], hasBranch: dataset ? dataset.fields.includes('branch') : true, locale, scheme: s });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getNotebook = (): Notebook => this.doc;

  private commit(next: Notebook) {
    if (next === this.doc) return;
    this.doc = next;
    this.scheduler.setCells(next.cells);
    for (const l of this.listeners) l();
  }

  /** Replaces the whole document (open a file, restore autosave, start over). */
  load(next: Notebook): void {
    this.commit(next);
    this.followFilters();
  }

  /** The dashboard's filters: saved in the document, applied by the workspace to every view. */
  setFilters(filters: readonly Filter[]): void {
    this.commit({ ...this.doc, filters });
    this.followFilters();
  }

  /** The workspace applies the document's filters once it has data (a restored notebook's too). */
  private followFilters(): void {
    const state = this.workspace.getState();
    if (!state.dataset || sameFilters(this.doc.filters, state.filters)) return;
    this.workspace.setFilters(this.doc.filters ?? []).catch((e: unknown) => {
      // Filters the data cannot take (a column it lacks) go, rather than block the views.
      this.commit({ ...this.doc, filters: state.filters });
      this.filterProblem = e;
      for (const l of this.listeners) l();
    });
  }

  /**
   * Shows the notebook (the default one when none was restored) over the bundled sample from its
   * precomputed views (see first-view.ts) while the engine starts. Views without a precomputed
   * result (other inputs than the default notebook's) wait for the data; the first
   * {@link dataChanged} with other data switches to computing.
   */
  showPrecomputed(snapshot: FirstViewSnapshot, locale: Locale): void {
    this.setPrecomputed(snapshot);
    this.openWithData(snapshot.dataset, locale);
  }

  /**
   * New data: a page without a notebook (or with `fresh`, the user's data in place of the demo)
   * gets the default one for it; an open notebook follows the data. Either way the scheme
   * follows the data: kept when the data has its fields, else the best preset that can run
   * (see schemes/fit.ts). The page, its precomputed views and `npm run snapshot` all open data
   * this way, so the snapshot's views are the page's.
   */
  openWithData(dataset: DatasetInfo, locale: Locale, fresh = false): void {
    this.locale = locale;
    const current = this.currentScheme() ?? presetById(NotebookController.DEFAULT_PRESET);
    const choice = chooseScheme(current, new Set(dataset.columns.map((c) => c.name)));
    if (fresh || this.doc.cells.length === 0) this.load(NotebookController.defaultFor(choice.fit.scheme, dataset, locale));
    else if (choice.switched) this.switchTo(choice.fit.scheme, dataset, locale);
    this.choice = choice;
    for (const l of this.listeners) l();
    this.dataChanged(dataset);
    this.followFilters();
  }

  /** The variables of catalog texts in the notebook (the title cell): the scheme, period and files shown. */
  catalogVars(locale: Locale): MessageVars {
    const scheme = this.currentScheme();
    const period = this.paramValues().period;
    return {
      scheme: scheme ? labelIn(locale, scheme.label) : '',
      period: typeof period === 'string' ? formatPeriod(period) : '',
      // While precomputed views stand in for the sample, the title names the sample they show.
      files: this.workspace.getState().files.map((f) => f.name).join(t(locale, 'listSep')) || (this.precomputed?.sample.name ?? ''),
    };
  }

  /** Slide mode's deck: a title slide, then the notebook's charts (see deck.ts). */
  deck(locale: Locale): Slide[] {
    const state = this.workspace.getState();
    return composeDeck({ cells: this.doc.cells, scheme: this.currentScheme(), dataset: state.dataset, files: state.files.map((f) => f.name), params: this.paramValues(), filters: state.filters, locale });
  }

  /** The customers behind a segment of a view, under the working scheme and the filters in force. */
  drill(segment: Segment): Promise<DrillList> {
    const scheme = this.currentScheme();
    if (!scheme) return Promise.reject(new Error('no working scheme'));
    return this.workspace.analyst.drill(scheme, segment);
  }

  /** The scheme chosen when the data arrived, and why. */
  getChoice = (): SchemeChoice | undefined => this.choice;

  /**
   * Uses another scheme for the data: a notebook of default cells is rebuilt for it (its views
   * depend on the scheme's kind); a notebook with cells of the user's keeps them.
   */
  switchTo(scheme: Scheme, dataset: DatasetInfo | undefined, locale: Locale): void {
    if (dataset) this.choice = chosenScheme(scheme, new Set(dataset.columns.map((c) => c.name)));
    if (this.doc.cells.every((c) => DEFAULT_CELL_IDS.has(c.id))) {
      this.load(NotebookController.defaultFor(scheme, dataset, locale));
      this.dataChanged(dataset);
    } else this.useScheme(scheme);
  }

  /** The working scheme, validated (undefined when the scheme cell holds none that is valid). */
  currentScheme(): Scheme | undefined {
    const cell = this.schemeCell();
    try {
      return cell ? validateScheme(cell.scheme) : undefined;
    } catch {
      return undefined;
    }
  }

  /** True while precomputed views stand in for the data (subscribers hear when it changes). */
  isPrecomputed = (): boolean => this.precomputed !== undefined;

  private setPrecomputed(snapshot: FirstViewSnapshot | undefined): void {
    if (snapshot === this.precomputed) return;
    this.precomputed = snapshot;
    for (const l of this.listeners) l();
  }

  /** From now on, remembers the key of each view's result (for {@link computedViews}). */
  recordKeys(): void {
    this.keys = new Map();
  }

  /** Every view's last result with its key, aggregates only (writing a first-view snapshot). */
  computedViews(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const c of this.doc.cells) {
      const key = this.keys?.get(c.id);
      if (c.kind === 'view' && key !== undefined && !CUSTOMER_LEVEL_VIEWS.has(c.view) && this.lastModels.has(c.id)) out[key] = this.lastModels.get(c.id);
    }
    return out;
  }

  /** The data changed: period choices follow the new periods, and every view re-runs. */
  dataChanged(dataset: DatasetInfo | undefined): void {
    if (dataset !== this.precomputed?.dataset) this.setPrecomputed(undefined);
    const periods = dataset?.periods ?? [];
    const fallback: Record<string, string | undefined> = { period: periods.at(-1), to: periods.at(-1), from: periods.at(-2) ?? periods.at(-1) };
    let next = this.doc;
    for (const c of this.doc.cells) {
      if (c.kind !== 'param' || c.control !== 'select' || !(c.name in fallback)) continue;
      const value = typeof c.value === 'string' && periods.includes(c.value) ? c.value : (fallback[c.name] ?? null);
      next = updateCell(next, c.id, { options: periods, value });
    }
    this.scheduler.setExternal('data', dataset);
    this.commit(next);
  }

  edit(id: string, patch: CellPatch): void {
    this.commit(updateCell(this.doc, id, patch));
  }

  add(cell: Cell, afterId?: string | null): void {
    this.commit(addCell(this.doc, cell, afterId));
  }

  remove(id: string): void {
    this.commit(removeCell(this.doc, id));
  }

  move(id: string, delta: number): void {
    this.commit(moveCell(this.doc, id, delta));
  }

  /** The scheme cell (a notebook has at most one that views read). */
  schemeCell(): SchemeCell | undefined {
    return this.doc.cells.find((c): c is SchemeCell => c.kind === 'scheme');
  }

  /** Sets the working scheme (a slider moved): views follow, the saved version stays. */
  setWorkingScheme(scheme: Scheme): void {
    const cell = this.schemeCell();
    if (cell) this.edit(cell.id, { scheme });
  }

  /** Makes the working scheme the saved one (the before/after baseline). */
  saveScheme(): void {
    const cell = this.schemeCell();
    if (cell) this.edit(cell.id, { saved: cell.scheme });
  }

  /** Uses a scheme (e.g. imported from a file) as working and saved scheme. */
  useScheme(scheme: Scheme): void {
    const cell = this.schemeCell();
    if (cell) this.edit(cell.id, { schemeId: scheme.id, scheme, saved: scheme });
  }

  /** Switches to another preset, as working and saved scheme (a default notebook is rebuilt for its kind). */
  choosePreset(id: string): void {
    this.switchTo(presetById(id), this.workspace.getState().dataset, this.locale);
  }

  /**
   * The UI reports cells coming into or leaving the viewport (`delta` +1 / −1 per instance). From
   * the first report on, views off screen wait until they are scrolled to: new data, a new scheme
   * or a slider move costs only the views in sight. Without reports (tests, the command line)
   * every cell runs.
   */
  cellsOnScreen(changes: readonly { id: string; delta: number }[]): void {
    for (const { id, delta } of changes) {
      const n = (this.onScreen.get(id) ?? 0) + delta;
      if (n > 0) this.onScreen.set(id, n);
      else this.onScreen.delete(id);
    }
    if (!this.tracking) {
      this.tracking = true;
      this.scheduler.setWanted((id) => this.showingAll > 0 || this.onScreen.has(id));
    } else this.scheduler.wantedChanged();
  }

  /** Computes every cell, seen or not (printing); resolves once all are ready, with the undo. */
  async showEverything(): Promise<() => void> {
    this.showingAll++;
    this.scheduler.wantedChanged();
    await this.scheduler.whenIdle();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.showingAll--;
      this.scheduler.wantedChanged();
    };
  }

  /** Re-runs one cell now (the run button of an SQL cell). */
  rerun(id: string): void {
    this.scheduler.rerun([id]);
  }

  /** The full result of an SQL cell for export (not capped). */
  async sqlExport(id: string): Promise<{ columns: string[]; rows: Row[] }> {
    const cell = this.doc.cells.find((c) => c.id === id);
    if (!cell || cell.kind !== 'sql') throw new Error(`no SQL cell ${id}`);
    const bound = bindParams(cell.sql, this.paramValues());
    const table = await this.workspace.analyst.sql(bound.sql, bound.params as (string | number)[]);
    return { columns: table.schema.fields.map((f) => f.name), rows: toRows(table) };
  }

  /**
   * Every customer whose tier differs between the saved scheme and `working` in `period`, for
   * export from the before/after view; undefined when nothing is saved to compare with.
   */
  async moverExport(working: Scheme, period: string | null): Promise<MoverList | undefined> {
    const saved = this.schemeCell()?.saved;
    if (!saved) return undefined;
    return this.workspace.analyst.moverList(validateScheme(saved), working, period);
  }

  private paramValues(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const c of this.doc.cells) if (c.kind === 'param') out[c.name] = c.value;
    return out;
  }

  private async run(cell: Cell, inputs: Readonly<Record<string, unknown>>, signal: AbortSignal): Promise<unknown> {
    const dataset = inputs.data as DatasetInfo | undefined;
    switch (cell.kind) {
      case 'sql': {
        if (!dataset) throw new Error('no data loaded');
        const bound = bindParams(cell.sql, inputs);
        const table: Table = await this.workspace.analyst.sql(bound.sql, bound.params as (string | number)[], signal);
        const rows = toRows(table.numRows > SQL_ROW_LIMIT ? table.slice(0, SQL_ROW_LIMIT) : table);
        return { columns: table.schema.fields.map((f) => f.name), rows, truncated: table.numRows > SQL_ROW_LIMIT } satisfies SqlResult;
      }
      case 'view': {
        if (!dataset) throw new Error('no data loaded');
        const schemeCell = this.schemeCell();
        const scheme = validateScheme(inputs.scheme ?? schemeCell?.scheme);
        const saved = schemeCell?.saved ? validateScheme(schemeCell.saved) : null;
        if (this.precomputed && dataset === this.precomputed.dataset) return this.fromSnapshot(cell, inputs, schemeCell?.saved, signal);
        const key = viewKey(cell, inputs, schemeCell?.saved);
        const due = this.moversDue.get(cell.id);
        const listMovers = cell.view !== 'before-after' || (due?.key === key && due.dataset === dataset);
        clearTimeout(this.settleTimers.get(cell.id));
        const model = await computeView(cell.view, cell.options, { scheme, saved, dataset, params: inputs, listMovers }, this.workspace.analyst, signal);
        if (!listMovers && !signal.aborted) this.listWhenSettled(cell.id, key, dataset, model);
        this.keys?.set(cell.id, key);
        const previous = this.lastModels.get(cell.id);
        if (previous !== undefined && sameData(previous, model)) return previous;
        this.lastModels.set(cell.id, model);
        return model;
      }
      case 'chart':
        return inputs[`cell:${cell.sourceCell}`];
      default:
        return undefined;
    }
  }

  /**
   * A before/after view answered its totals only (the fast path, as a slider moves): once no
   * move has come for {@link MOVERS_SETTLE_MS}, the cell runs again with its list. A new move
   * re-runs the cell first, which clears the wait.
   */
  private listWhenSettled(id: string, key: string, dataset: DatasetInfo, model: ViewModel): void {
    if (model.view !== 'before-after' || !model.changed || model.movers) return;
    this.settleTimers.set(
      id,
      setTimeout(() => {
        this.settleTimers.delete(id);
        this.moversDue.set(id, { key, dataset });
        this.scheduler.rerun([id]);
      }, MOVERS_SETTLE_MS),
    );
  }

  /** A precomputed view, or (none for these inputs) a wait until the real data supersedes the run. */
  private fromSnapshot(cell: ViewCell, inputs: Readonly<Record<string, unknown>>, saved: unknown, signal: AbortSignal): Promise<unknown> {
    const hit = this.precomputed?.views[viewKey(cell, inputs, saved)];
    if (hit === undefined) {
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
    }
    const model = decodeValue(hit);
    this.lastModels.set(cell.id, model);
    return Promise.resolve(model);
  }

  dispose(): void {
    for (const timer of this.settleTimers.values()) clearTimeout(timer);
    this.settleTimers.clear();
    this.scheduler.dispose();
    this.listeners.clear();
  }
}
