/**
 * The page's session, apart from its rendering: restoring the autosaved notebook, taking the
 * bundled sample (and its precomputed first view), opening a notebook for new data, re-attaching
 * the data files a reopened notebook names, autosave, and the notebook's file. The page subscribes
 * to its state (`subscribe`, `getState`) and calls its actions; it runs no logic of its own.
 */
import { firstViewColumns } from './first-columns';
import type { Locale } from '../i18n/format';
import { t } from '../i18n/messages';
import { errorText, say } from '../i18n/said';
import type { EncodingChoice } from '../ingest/decode';
import type { InputFile } from '../ingest/load';
import { emptyNotebook, type Notebook } from '../notebook/types';
import { debounce, fileRefs, makeNotebookDoc, parseNotebookFile, serializeNotebook, type Autosave, type Debounced, type FieldMapping, type NotebookDoc } from '../persist';
import { safeFileName } from '../export';
import type { Scheme } from '../schemes/types';
import { validateScheme } from '../schemes/validate';
import type { FirstViewSnapshot } from './first-view';
import { NotebookController } from './notebook-controller';
import type { Workspace } from './workspace';

/** Data files a reopened notebook names that are not loaded, with their saved column mapping. */
export interface Reattach {
  readonly names: readonly string[];
  readonly mapping?: FieldMapping;
}

export interface SessionState {
  readonly locale: Locale;
  /** What the page tells the user (restored, opened, a problem), until dismissed. */
  readonly notice: string | undefined;
  readonly reattach: Reattach | undefined;
}

export interface SessionOptions {
  readonly autosave: Autosave;
  /** The bundled sample, fetched from the start; absent with `?nosample`. */
  readonly sample?: Promise<InputFile>;
  /** The sample's precomputed views (first-view.ts). */
  readonly firstView?: Promise<FirstViewSnapshot | undefined>;
  /** The sample's file name (a restored notebook naming it needs no re-attaching). */
  readonly sampleName: string;
  /** Fetches the sample again ("back to the sample"). */
  readonly fetchSample: () => Promise<InputFile>;
  /** Where `pagehide` is heard (autosave writes before the page goes); none in tests. */
  readonly page?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** Whether views wait until scrolled to (the browser has an IntersectionObserver). */
  readonly watchesScreen?: boolean;
  readonly locale?: Locale;
}

/** A notebook document restored from a file or autosave is checked before it is applied. */
export function asNotebook(value: unknown, locale: Locale): Notebook {
  const nb = value as Notebook;
  if (!nb || !Array.isArray(nb.cells) || !nb.cells.every((c) => c && typeof c.id === 'string' && typeof c.kind === 'string')) {
    throw new Error(t(locale, 'notebookInvalid'));
  }
  return { ...emptyNotebook(), ...nb };
}

/**
 * Whether new data gets a fresh default notebook in place of the open one: the user's data took
 * the sample's place, or the sample came back because the user asked for it.
 */
export function freshNotebook(previous: string | undefined, status: string | undefined, backToSampleAsked: boolean): boolean {
  return (status === 'replaced' && previous !== 'replaced') || (status === 'shown' && backToSampleAsked);
}

export class Session {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private started = false;
  /** A notebook came from autosave: the sample failing does not replace it with an empty one. */
  private restored = false;
  private sampleSettled = false;
  /** The sample's status and the data version when the notebook last followed the data. */
  private sampleStatus: string | undefined;
  private version: number;
  private backToSampleAsked = false;
  private followPending = false;
  private save: Debounced<[]> | undefined;

  constructor(
    readonly workspace: Workspace,
    readonly controller: NotebookController,
    private readonly options: SessionOptions,
  ) {
    this.state = { locale: options.locale ?? 'zh-CN', notice: undefined, reattach: undefined };
    // A Parquet file reads at load the columns the notebook will read first (see first-columns.ts).
    workspace.readFirstWith((columns) => firstViewColumns(controller.currentScheme(), columns));
    this.sampleStatus = workspace.getState().sample?.status;
    this.version = workspace.getState().version;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): SessionState => this.state;

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private get locale(): Locale {
    return this.state.locale;
  }

  setLocale(locale: Locale): void {
    if (locale === this.locale) return;
    // A pending autosave is written as it was (with the language it was made in).
    this.save?.flush();
    this.set({ locale });
  }

  dismissNotice(): void {
    this.set({ notice: undefined });
  }

  /**
   * Starts the session: the first time, restores the autosaved notebook and takes the sample;
   * every time, follows the data and autosaves until the returned stop is called (a remount
   * starts again without restoring twice).
   */
  start(): () => void {
    if (!this.started) {
      this.started = true;
      this.restore();
      this.takeSample();
    }
    const offData = this.workspace.subscribe(() => this.dataMayHaveChanged());
    this.followData();
    const offSave = this.keepSaved();
    return () => {
      offData();
      offSave();
    };
  }

  private restore(): void {
    const saved = this.options.autosave.load();
    if (saved.doc) {
      try {
        this.controller.load(asNotebook(saved.doc.notebook, this.locale));
        this.restored = true;
        const missing = saved.doc.files.map((f) => f.name).filter((n) => n !== this.options.sampleName);
        this.set({ notice: t(this.locale, 'notebookRestored'), ...(missing.length > 0 ? { reattach: { names: missing, mapping: saved.doc.mapping } } : {}) });
      } catch (e) {
        this.set({ notice: t(this.locale, 'autosaveUnreadable', { reason: errorText(this.locale, e) }) });
      }
    } else if (saved.problem) this.set({ notice: saved.said ? say(this.locale, saved.said) : saved.problem });
  }

  private takeSample(): void {
    const { sample, firstView } = this.options;
    // If the sample does not load after all, its precomputed views go too.
    const dropPrecomputed = () => {
      this.sampleSettled = true;
      if (this.workspace.getState().dataset || !this.controller.isPrecomputed()) return;
      if (!this.restored) this.controller.load(emptyNotebook());
      this.controller.dataChanged(undefined);
    };
    sample?.then(
      (file) => this.workspace.addFiles([file], { sample: true }).then(dropPrecomputed),
      (e: unknown) => {
        this.set({ notice: String(e) });
        dropPrecomputed();
      },
    );
    // Only while nothing is loaded yet: then the data will be the sample (files a restored
    // notebook names are re-attached by hand, later).
    void firstView?.then((snapshot) => {
      if (!snapshot || this.sampleSettled || this.workspace.getState().dataset) return;
      // Only the views in sight are drawn first (as the on-screen watcher would report them),
      // rather than every chart of the notebook before the first one shows.
      if (this.options.watchesScreen) this.controller.cellsOnScreen([]);
      this.controller.showPrecomputed(snapshot, this.locale);
    });
  }

  /**
   * The workspace changed: the notebook follows new data in a microtask, as the page once did
   * after rendering (a load's last steps — the sample's status after the dataset — land together
   * or not exactly as they did then).
   */
  private dataMayHaveChanged(): void {
    if (this.followPending) return;
    this.followPending = true;
    queueMicrotask(() => {
      this.followPending = false;
      if (this.workspace.getState().version !== this.version) this.followData();
    });
  }

  /**
   * Data changed: the notebook follows; a first dataset gets the default notebook, and so does
   * the user's data in place of the demo sample (or the sample back in place of it).
   */
  private followData(): void {
    const state = this.workspace.getState();
    this.version = state.version;
    const status = state.sample?.status;
    const fresh = freshNotebook(this.sampleStatus, status, this.backToSampleAsked);
    this.sampleStatus = status;
    if (!state.dataset) return;
    if (status === 'shown') this.backToSampleAsked = false;
    this.controller.openWithData(state.dataset, this.locale, fresh);
  }

  /** The notebook as a document (saved, autosaved): with the files' names and mappings, never data. */
  documentNow(): NotebookDoc {
    const { files } = this.workspace.getState();
    return makeNotebookDoc({
      notebook: this.controller.getNotebook() as never,
      mapping: Object.fromEntries(files.map((f) => [f.name, f.mapping.mapping as Record<string, string>])),
      files: fileRefs(files),
      view: { locale: this.locale },
    });
  }

  /** Autosave a second after the last change (atomic: see persist/autosave.ts), and when the page goes. */
  private keepSaved(): () => void {
    const save = debounce(() => {
      const r = this.options.autosave.save(this.documentNow());
      if (!r.ok) this.set({ notice: say(this.locale, r.said) });
    }, 1000, { maxWait: 5000 });
    this.save = save;
    const off = this.controller.subscribe(save);
    this.options.page?.addEventListener('pagehide', save.flush);
    return () => {
      off();
      this.options.page?.removeEventListener('pagehide', save.flush);
      save.flush();
      if (this.save === save) this.save = undefined;
    };
  }

  /** Loads the user's files; those a reopened notebook names get their saved column mapping back. */
  async addFiles(files: readonly InputFile[], encoding: EncodingChoice): Promise<void> {
    const reattach = this.state.reattach;
    for (const f of files) await this.workspace.addFiles([f], { encoding, overrides: reattach?.mapping?.[f.name] });
    if (reattach) this.set({ reattach: { ...reattach, names: reattach.names.filter((n) => !files.some((f) => f.name === n)) } });
  }

  /** Puts the sample back in place of the user's data; the notebook starts afresh for it. */
  async backToSample(): Promise<void> {
    try {
      this.backToSampleAsked = true;
      await this.workspace.restoreSample(await this.options.fetchSample());
    } catch (e) {
      this.set({ notice: String(e) });
    }
  }

  /** Opens a saved notebook file; the data files it names and the page lacks are asked for. */
  async openFile(file: { readonly name: string; text(): Promise<string> }): Promise<void> {
    const locale = this.locale;
    const parsed = parseNotebookFile(await file.text());
    if (!parsed.ok) return this.set({ notice: t(locale, 'fileProblem', { file: file.name, problem: say(locale, parsed.said) }) });
    try {
      this.controller.load(asNotebook(parsed.doc.notebook, locale));
      const missing = parsed.doc.files.map((f) => f.name).filter((n) => !this.workspace.getState().files.some((x) => x.name === n));
      this.set({ reattach: missing.length > 0 ? { names: missing, mapping: parsed.doc.mapping } : undefined, notice: t(locale, 'notebookOpened', { file: file.name }) });
    } catch (e) {
      this.set({ notice: t(locale, 'fileProblem', { file: file.name, problem: errorText(locale, e) }) });
    }
  }

  /** The notebook as a file to download: its name and bytes. */
  notebookFile(): { readonly name: string; readonly bytes: Uint8Array; readonly type: string } {
    const name = safeFileName(t(this.locale, 'notebookFileName'), 'json', { stamp: true }).replace(/\.json$/, '.tierlens.json');
    return { name, bytes: new TextEncoder().encode(serializeNotebook(this.documentNow())), type: 'application/json' };
  }

  /** A default notebook again, for the data loaded; the scheme in use (a preset, edited or imported) carries over. */
  rebuild(): void {
    const cell = this.controller.schemeCell();
    let scheme: Scheme | string = NotebookController.DEFAULT_PRESET;
    try {
      if (cell) scheme = validateScheme(cell.scheme);
    } catch {
      scheme = cell?.schemeId ?? NotebookController.DEFAULT_PRESET;
    }
    const { dataset } = this.workspace.getState();
    this.controller.load(NotebookController.defaultFor(scheme, dataset, this.locale));
    this.controller.dataChanged(dataset);
  }

  /** Uses another scheme for the data (the scheme-choice note's suggestion). */
  useScheme(scheme: Scheme): void {
    this.controller.switchTo(scheme, this.workspace.getState().dataset, this.locale);
  }
}
