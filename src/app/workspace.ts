import type { Engine, SqlValue } from '../engine/types';
import { toRows, type Row } from '../engine/rows';
import { FILTERED_VIEW, filterViewStatements, sameFilters, tierFilterScheme, type Filter, type TierSource } from '../analysis/filters';
import { compileScheme } from '../schemes/compile';
import { runnablePresets } from '../schemes/fit';
import { ident } from '../sql/quote';
import { Analyst, type Exec } from './analyst';
import { rowsToArrowIPC } from '../export/arrow-rows';
import { defaultSensitivity } from '../privacy/mask';
import type { Sensitivity } from '../ingest/vocabulary';
import { buildDataset, datasetNameOf, HIDDEN_COLUMNS, stackDataset, type DatasetInfo } from '../ingest/dataset';
import { mentionedIn, missingColumnOf } from '../ingest/deferred';
import { dropFileTables, loadFile, readMoreColumns, remapFile, type InputFile, type LoadedFile, type LoadOptions } from '../ingest/load';
import type { MappingResult } from '../ingest/mapping';
import type { FileReport } from '../ingest/report';
import type { FieldName } from '../ingest/vocabulary';
import { fileMessage, IngestError } from '../ingest/report';
import type { Locale } from '../i18n/format';
import { t, type MessageKey, type MessageVars } from '../i18n/messages';

export interface FileView {
  readonly id: string;
  readonly name: string;
  /** Bytes, so a saved notebook can name the files to re-attach. */
  readonly size: number;
  readonly report: FileReport;
  readonly mapping: MappingResult;
}

export interface LoadFailure {
  readonly file: string;
  /** English text (logs, tests); the page shows `text(locale)` where the error has a catalog message. */
  readonly message: string;
  /** Catalog key, variables and place, for saying it in the UI language. */
  readonly code?: MessageKey;
  readonly params?: MessageVars;
  readonly line?: number;
  readonly column?: string;
}

/** How the page's bundled demo sample stands. */
export interface SampleState {
  readonly name: string;
  /** `shown`: the dataset is the untouched sample; `replaced`: the user's first file took its place. */
  readonly status: 'shown' | 'replaced';
}

/** Options of {@link Workspace.addFiles}. */
export interface AddOptions extends LoadOptions {
  /**
   * The bundled demo: it loads only into an empty workspace, and the user's first file replaces
   * it while it is untouched, so a user's own data is never mixed into the demo's periods.
   */
  readonly sample?: boolean;
}

export interface SessionLogEntry {
  readonly time: string;
  readonly action: 'unmask' | 'remask' | 'export' | 'level';
  readonly detail: string;
}

/** Who sees personal data: levels per dataset column, whether this session unmasked, and the log. */
export interface PrivacyState {
  readonly levels: Readonly<Record<string, Sensitivity>>;
  readonly unmasked: boolean;
  readonly log: readonly SessionLogEntry[];
}

export type LoadStage = 'read' | 'map' | 'check' | 'dataset' | 'columns';

export interface WorkspaceState {
  readonly files: readonly FileView[];
  readonly dataset: DatasetInfo | undefined;
  readonly failures: readonly LoadFailure[];
  /** What is being done right now, for the progress line; undefined when idle. */
  readonly busy: string | undefined;
  /** Progress of the current load, 0–1 over all files of the batch. */
  readonly progress: number | undefined;
  /** What the current load is doing: reading a file, mapping or checking its cells, or stacking the dataset. */
  readonly stage: LoadStage | undefined;
  /** Bumped on every data change, so views know to ask again. */
  readonly version: number;
  readonly privacy: PrivacyState;
  /** The demo sample, while it is shown or just after the user's data replaced it. */
  readonly sample: SampleState | undefined;
  /** The filters in force: `dataset` is then the filtered view, `wholeRows` the rows without them. */
  readonly filters: readonly Filter[];
  readonly wholeRows: number | undefined;
}

export interface Preview {
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  readonly total: number;
}

/**
 * The data side of the app: owns the engine, the loaded files and the stacked dataset, and
 * answers the questions views ask. Components call these methods; they never see SQL.
 * Operations run one at a time (DDL on a shared connection must not interleave).
 */
export class Workspace {
  private files: LoadedFile[] = [];
  /** The bytes of workbooks with several sheets, so another sheet can be read on request. */
  private readonly workbooks = new Map<string, InputFile>();
  private state: WorkspaceState = {
    files: [],
    dataset: undefined,
    failures: [],
    busy: undefined,
    progress: undefined,
    stage: undefined,
    version: 0,
    privacy: { levels: {}, unmasked: false, log: [] },
    sample: undefined,
    filters: [],
    wholeRows: undefined,
  };
  /** The statement that made the filtered view (the last of the filters' statements), if filters are in force. */
  private filterView: { readonly sql: string; readonly params: readonly SqlValue[] } | undefined;
  /** The dataset without filters (the table stays whole; filters make a view over it). */
  private whole: DatasetInfo | undefined;
  private readonly listeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  /** The loaded demo sample's file id while nothing else is loaded and its mapping is untouched. */
  private sampleId: string | undefined;

  private readonly open: () => Promise<Engine>;
  private engine: Promise<Engine>;

  /**
   * `engine` opens the database; given as a function, a database that died (a WebAssembly
   * trap, e.g. out of memory) is replaced by a fresh one instead of leaving a dead page.
   */
  constructor(engine: Promise<Engine> | (() => Promise<Engine>)) {
    this.open = typeof engine === 'function' ? engine : () => engine;
    this.engine = this.open();
  }

  /** True for errors after which the WebAssembly instance cannot be trusted again. */
  static isFatal(e: unknown): boolean {
    // A file that failed to read (even if its decoder trapped) says so by name; the database
    // behind it is still fine.
    if (e instanceof Error && e.name === 'IngestError') return false;
    return /RuntimeError|unreachable|memory access out of bounds|function signature mismatch|worker (terminated|crashed)/i.test(e instanceof Error ? `${e.name} ${e.message}` : String(e));
  }

  /** Replaces a dead engine; everything loaded is gone, and the user is told so. */
  private async recover(e: unknown): Promise<void> {
    try {
      await (await this.engine).close();
    } catch {
      // The old instance is dead; closing it may fail too.
    }
    this.engine = this.open();
    await this.engine.catch(() => undefined);
    this.files = [];
    this.whole = undefined;
    this.workbooks.clear();
    this.analyst.reset();
    this.set({
      files: [],
      dataset: undefined,
      busy: undefined,
      progress: undefined,
      stage: undefined,
      version: this.state.version + 1,
      failures: [
        ...this.state.failures,
        engineStopped(e),
      ],
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): WorkspaceState => this.state;

  private set(patch: Partial<WorkspaceState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /**
   * Runs operations one at a time. Work whose `signal` was aborted while it waited is skipped,
   * so a burst of superseded requests (a slider drag) never turns into a queue of stale queries.
   */
  private serial<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const guarded = async () => {
      if (signal?.aborted) throw new DOMException('superseded', 'AbortError');
      try {
        return await work();
      } catch (e) {
        if (Workspace.isFatal(e)) await this.recover(e);
        throw e;
      }
    };
    const run = this.queue.then(guarded, guarded);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Engine access for the analyst: serialized, and skipped when superseded. A query that names a
   * column not read yet (lazily read Parquet) has it read, then runs again.
   */
  private readonly exec: Exec = (work, signal) => this.serial(async () => work(this.onDemand(await this.engine)), signal);

  /** `engine`, with queries that read the columns they name that are not read yet. */
  private onDemand(engine: Engine): Engine {
    return {
      ...engine,
      query: async (sql, params) => {
        for (;;) {
          try {
            return await engine.query(sql, params);
          } catch (e) {
            const missing = missingColumnOf(e)?.toLowerCase();
            const pending = this.pendingColumns();
            if (missing === undefined || !pending.some((p) => p.toLowerCase() === missing)) throw e;
            // Every pending column the query names, read in one go.
            await this.readColumns(engine, [missing, ...mentionedIn(sql, pending)]);
          }
        }
      },
    };
  }

  /** Which of a Parquet file's columns to read at load besides its id and period (see first-columns.ts). */
  private readFirst: LoadOptions['readFirst'];

  /** Sets what Parquet loads read at once: the columns the notebook will read first. */
  readFirstWith(choose: LoadOptions['readFirst']): void {
    this.readFirst = choose;
  }

  /** The dataset's columns that are read, of the files that stay when more are added (not the sample). */
  private readColumnNames(): Set<string> {
    const staying = this.files.filter((f) => f.id !== this.sampleId);
    return new Set(staying.flatMap((f) => f.typed.columns.filter((c) => !c.pending).map((c) => datasetNameOf(f, c.name))));
  }

  /** The dataset's columns (by their names in it) that some file has not read yet. */
  private pendingColumns(): string[] {
    return [...new Set(this.files.flatMap((f) => (f.staging.deferred?.pending ?? []).map((c) => datasetNameOf(f, c))))];
  }

  /**
   * Reads dataset columns not read yet (`all`: every one) from their files, and stacks the dataset
   * again. Values already read do not change, so nothing computed from them is redone.
   */
  private async readColumns(engine: Engine, names: readonly string[] | 'all'): Promise<void> {
    const wanted = names === 'all' ? undefined : new Set(names.map((n) => n.toLowerCase()));
    const reading = this.files.map((f) => (f.staging.deferred?.pending ?? []).filter((c) => !wanted || wanted.has(datasetNameOf(f, c).toLowerCase())));
    if (reading.every((r) => r.length === 0)) return;
    const before = { busy: this.state.busy, stage: this.state.stage, progress: this.state.progress };
    try {
      const files: LoadedFile[] = [];
      for (const [i, f] of this.files.entries()) {
        if (reading[i]!.length > 0) this.set({ busy: f.name, stage: 'columns', progress: i / this.files.length });
        files.push(reading[i]!.length > 0 ? await readMoreColumns(engine, f, reading[i]!) : f);
      }
      this.files = files;
      await stackDataset(engine, files);
      // The filtered view is over the dataset's columns as they were: made again over all of them.
      if (this.filterView) await engine.query(this.filterView.sql, this.filterView.params);
      this.set({ files: files.map(fileView) });
    } finally {
      this.set(before);
    }
  }

  /** Answers the notebook's analysis views (fast path or SQL). */
  readonly analyst = new Analyst(this.exec, () => this.state.dataset, () => this.state.version, (engine) => this.readColumns(engine, 'all'));

  /**
   * Loads files; each that fails is reported and skipped, the rest (and everything loaded
   * before) stays. Resolves with the failures of this call.
   */
  addFiles(inputs: readonly InputFile[], options: AddOptions = {}): Promise<LoadFailure[]> {
    return this.serial(async () => {
      // The user's data came first (e.g. dropped while the sample was still being fetched).
      if (options.sample && this.files.length > 0) return [];
      const engine = await this.engine;
      const failures: LoadFailure[] = [];
      const added: LoadedFile[] = [];
      for (const [i, input] of inputs.entries()) {
        this.set({ busy: input.name, progress: i / inputs.length, stage: 'read' });
        const onProgress = throttled((f: number, stage: LoadStage) => this.set({ progress: (i + f * 0.95) / inputs.length, stage }));
        try {
          // Parquet is read lazily: the columns in use now, the rest when something names them.
          const file = await loadFile(engine, `f${this.nextId++}`, input, { readFirst: this.readFirst, ...options, onProgress, lazy: true, alsoRead: this.readColumnNames() });
          // SheetJS read the workbook in JavaScript: its bytes are still whole (the engine took none).
          if ((file.report.sheets?.length ?? 0) > 1) this.workbooks.set(file.id, input);
          added.push(file);
        } catch (e) {
          if (Workspace.isFatal(e)) throw e; // the engine died: recover() resets everything
          failures.push(failureOf(input.name, e));
        }
      }
      if (added.length > 0) {
        this.set({ progress: 0.95, stage: 'dataset' });
        const replacing = !options.sample && this.sampleId !== undefined && this.files.length === 1 && this.files[0]!.id === this.sampleId;
        const sampleName = this.state.sample?.name ?? '';
        if (replacing) await dropFileTables(engine, this.sampleId!);
        if (options.sample) this.sampleId = added[0]!.id;
        // The sample's status changes with the data, in one state: whoever follows the data
        // (the session's fresh-notebook choice) sees both at once, never one without the other.
        const sample = options.sample ? { name: added[0]!.name, status: 'shown' as const } : replacing ? { name: sampleName, status: 'replaced' as const } : 'keep';
        await this.rebuild(engine, replacing ? added : [...this.files, ...added], sample);
        // For the benchmark's first-view breakdown (bench/lib/scenarios.ts).
        performance.mark('tierlens:data-ready');
      }
      this.set({ busy: undefined, progress: undefined, stage: undefined, failures: [...this.state.failures, ...failures] });
      return failures;
    });
  }

  removeFile(id: string): Promise<void> {
    return this.serial(async () => {
      const engine = await this.engine;
      await dropFileTables(engine, id);
      this.workbooks.delete(id);
      await this.rebuild(engine, this.files.filter((f) => f.id !== id));
    });
  }

  /** Puts the demo sample back in place of everything loaded (the "back to the sample" button). */
  async restoreSample(sample: InputFile): Promise<LoadFailure[]> {
    await this.clear();
    return this.addFiles([sample], { sample: true });
  }

  /** The user has read that their data replaced the sample. */
  dismissSampleNote(): void {
    if (this.state.sample?.status === 'replaced') this.set({ sample: undefined });
  }

  /**
   * Takes a row that was left out as not a customer (a total, a note, no id) back in, or leaves
   * it out again; `rec` is the row's record from the load report. The file is re-typed and the
   * choice kept with it, as its mapping is.
   */
  includeRow(fileId: string, rec: number, include: boolean): Promise<void> {
    return this.serial(async () => {
      const engine = await this.engine;
      const file = this.files.find((f) => f.id === fileId);
      if (!file) return;
      const next = include ? [...new Set([...file.include, rec])] : file.include.filter((r) => r !== rec);
      this.set({ busy: file.name, stage: 'check' });
      try {
        const updated = await remapFile(engine, file, file.mapping, next);
        this.set({ stage: 'dataset' });
        await this.rebuild(engine, this.files.map((f) => (f.id === fileId ? updated : f)));
      } finally {
        this.set({ busy: undefined, stage: undefined });
      }
    });
  }

  /** Reads another sheet of a workbook in place of the one read (`book.xlsx#Sheet`). */
  chooseSheet(fileId: string, sheet: string): Promise<void> {
    return this.serial(async () => {
      const engine = await this.engine;
      const file = this.files.find((f) => f.id === fileId);
      const source = this.workbooks.get(fileId);
      if (!file || !source) return;
      const name = `${source.name.replace(/#[^#]*$/, '')}#${sheet}`;
      this.set({ busy: name, stage: 'read' });
      try {
        const loaded = await loadFile(engine, `f${this.nextId++}`, { name, bytes: source.bytes });
        await dropFileTables(engine, fileId);
        this.workbooks.delete(fileId);
        this.workbooks.set(loaded.id, source);
        this.set({ stage: 'dataset' });
        await this.rebuild(engine, this.files.map((f) => (f.id === fileId ? loaded : f)));
      } catch (e) {
        if (Workspace.isFatal(e)) throw e;
        this.set({ failures: [...this.state.failures, failureOf(name, e)] });
      } finally {
        this.set({ busy: undefined, stage: undefined });
      }
    });
  }

  /** Maps `column` of a file to `field` (or unmaps it with `null`), re-reading its cells. */
  remap(fileId: string, column: string, field: FieldName | null): Promise<void> {
    return this.serial(async () => {
      const engine = await this.engine;
      const file = this.files.find((f) => f.id === fileId);
      if (!file) return;
      // A re-mapped sample is the user's work: their next file stacks on it instead of replacing it.
      if (fileId === this.sampleId) this.sampleId = undefined;
      const mapping: Record<string, string> = {};
      for (const [f, c] of Object.entries(file.mapping.mapping)) if (c !== column && f !== field) mapping[f] = c as string;
      if (field !== null) mapping[field] = column;
      const unmapped = file.report.columns.map((c) => c.name).filter((c) => !Object.values(mapping).includes(c));
      const next: MappingResult = { mapping, unmapped, conflicts: [] };
      this.set({ busy: file.name, stage: 'check' });
      const updated = await remapFile(engine, file, next);
      this.set({ stage: 'dataset' });
      await this.rebuild(engine, this.files.map((f) => (f.id === fileId ? updated : f)));
      this.set({ busy: undefined, stage: undefined });
    });
  }

  /** Removes every file (the user starts over with other data). */
  clear(): Promise<void> {
    return this.serial(async () => {
      const engine = await this.engine;
      for (const f of this.files) await dropFileTables(engine, f.id);
      this.workbooks.clear();
      await this.rebuild(engine, []);
      this.set({ failures: [], sample: undefined });
    });
  }

  /**
   * The whole dataset as Parquet, canonical field names, for use in other tools. Level-A
   * columns (names, ID numbers, phones) are left out unless the user opts in for this export.
   */
  exportDataset(includeSensitive = false): Promise<Uint8Array> {
    return this.serial(async () => {
      const engine = await this.engine;
      const dataset = this.whole;
      if (!dataset) throw new Error('no data loaded');
      const sensitive = this.sensitiveColumns(dataset.columns.map((c) => c.name));
      const drop = includeSensitive ? [] : sensitive;
      await this.readColumns(engine, dataset.columns.map((c) => c.name).filter((c) => !drop.includes(c)));
      this.log('export', `dataset.parquet${sensitive.length ? (includeSensitive ? `, with ${sensitive.join(', ')}` : `, without ${sensitive.join(', ')}`) : ''}`);
      // A personal column never read is not in the table to leave out.
      const unread = new Set(this.pendingColumns());
      return engine.exportParquet(`SELECT * EXCLUDE (${[...HIDDEN_COLUMNS, ...drop.filter((c) => !unread.has(c))].map(ident).join(', ')}) FROM ${ident(dataset.table)} ORDER BY __file, __rec`);
    });
  }

  /** Columns (of the given ones) at level A. */
  sensitiveColumns(columns: readonly string[]): string[] {
    return columns.filter((c) => (this.state.privacy.levels[c] ?? defaultSensitivity(c)) === 'A');
  }

  /** Shows personal data for the rest of the session; listed in the session log. */
  unmask(): void {
    this.set({ privacy: { ...this.state.privacy, unmasked: true } });
    this.log('unmask', this.sensitiveColumns(Object.keys(this.state.privacy.levels)).join(', '));
  }

  remask(): void {
    this.set({ privacy: { ...this.state.privacy, unmasked: false } });
    this.log('remask', '');
  }

  /** Changes a column's sensitivity level (e.g. a free-text column that holds addresses). */
  setLevel(column: string, level: Sensitivity): void {
    this.set({ privacy: { ...this.state.privacy, levels: { ...this.state.privacy.levels, [column]: level } } });
    this.log('level', `${column} → ${level}`);
  }

  /** Adds a line to the visible session log. */
  log(action: SessionLogEntry['action'], detail: string): void {
    const entry = { time: new Date().toISOString(), action, detail };
    this.set({ privacy: { ...this.state.privacy, log: [...this.state.privacy.log, entry] } });
  }

  /** Any table shown in the notebook as Parquet (through DuckDB, so types survive). */
  rowsToParquet(columns: readonly string[], rows: readonly Row[]): Promise<Uint8Array> {
    return this.serial(async () => {
      const engine = await this.engine;
      await engine.insertArrowIPC('export_rows', rowsToArrowIPC(columns, rows));
      try {
        return await engine.exportParquet('SELECT * FROM export_rows');
      } finally {
        await engine.query('DROP TABLE IF EXISTS export_rows');
      }
    });
  }

  /** Records a file refused before loading (too large for the tab); nothing else changes. */
  refuse(file: string, refusal: unknown): void {
    this.set({ failures: [...this.state.failures, failureOf(file, refusal)] });
  }

  dismissFailures(): void {
    this.set({ failures: [] });
  }

  /** Stacks `files` into the dataset; `sample`, when given, is the sample's status that comes with it. */
  private async rebuild(engine: Engine, files: LoadedFile[], sample: WorkspaceState['sample'] | 'keep' = 'keep') {
    this.analyst.reset();
    const sampleGone = !files.some((f) => f.id === this.sampleId);
    if (sampleGone) this.sampleId = undefined;
    // A column one file has read is read in every file that has it, so the files stack alike.
    const read = new Set(files.flatMap((f) => f.typed.columns.filter((c) => !c.pending).map((c) => datasetNameOf(f, c.name))));
    // One file at a time: inserts switch the engine's storage database around them (parquetStorage).
    const aligned: LoadedFile[] = [];
    for (const f of files) aligned.push(await readMoreColumns(engine, f, (f.staging.deferred?.pending ?? []).filter((c) => read.has(datasetNameOf(f, c)))));
    files = aligned;
    const whole = files.length > 0 ? await buildDataset(engine, files) : undefined;
    this.whole = whole;
    this.files = files;
    // The filters follow the new data, less those on columns it no longer has.
    const kept = this.state.filters.filter((f) => (f.kind === 'tier' ? whole !== undefined && builtInTiers(whole)(tierFilterScheme(f.field) ?? '') !== undefined : whole?.columns.some((c) => c.name === f.field)));
    const { dataset, filters } = await this.filtered(engine, whole, kept);
    // New columns get their default level; levels the user set are kept.
    // Levels of the columns the data has: set by the user, else the default.
    const levels: Record<string, Sensitivity> = {};
    for (const c of whole?.columns ?? []) levels[c.name] = this.state.privacy.levels[c.name] ?? defaultSensitivity(c.name);
    this.set({
      files: files.map(fileView),
      dataset,
      filters,
      wholeRows: whole?.rows,
      sample: ((next) => (sampleGone && next?.status === 'shown' ? undefined : next))(sample === 'keep' ? this.state.sample : sample),
      version: this.state.version + 1,
      privacy: { ...this.state.privacy, levels },
    });
  }

  /**
   * The dataset under `filters`: a view over the whole table, with the filtered row count. Bad
   * filters (a column the data lacks, an empty range) throw `FilterError` naming their field.
   */
  private async filtered(engine: Engine, whole: DatasetInfo | undefined, filters: readonly Filter[]): Promise<{ dataset: DatasetInfo | undefined; filters: readonly Filter[] }> {
    if (!whole || filters.length === 0) {
      this.filterView = undefined;
      return { dataset: whole, filters };
    }
    const live = this.onDemand(engine);
    const statements = filterViewStatements(filters, whole.columns, whole.table, builtInTiers(whole));
    for (const { sql, params } of statements) await live.query(sql, params);
    this.filterView = statements.at(-1);
    const counted = await engine.query(`SELECT count(*)::BIGINT AS n FROM ${ident(FILTERED_VIEW)}`);
    const rows = Number(counted.getChild('n')?.get(0) ?? 0);
    return { dataset: { ...whole, table: FILTERED_VIEW, rows }, filters };
  }

  /** Every view reads only the rows these filters keep (none: the whole dataset). */
  setFilters(filters: readonly Filter[]): Promise<void> {
    return this.serial(async () => {
      if (sameFilters(filters, this.state.filters)) return;
      const engine = await this.engine;
      const next = await this.filtered(engine, this.whole, filters);
      this.analyst.reset();
      this.set({ dataset: next.dataset, filters: next.filters, version: this.state.version + 1 });
    });
  }

  /** The values of a text column with their row counts, most frequent first (a filter's choices). */
  filterChoices(field: string, limit = 500): Promise<{ value: string | null; rows: number }[]> {
    return this.serial(async () => {
      const engine = this.onDemand(await this.engine);
      const whole = this.whole;
      if (!whole || !whole.columns.some((c) => c.name === field)) return [];
      const t = await engine.query(`SELECT CAST(${ident(field)} AS VARCHAR) AS v, count(*)::BIGINT AS n FROM ${ident(whole.table)} GROUP BY ALL ORDER BY n DESC, v NULLS LAST LIMIT ${Math.max(1, Math.floor(limit))}`);
      return toRows(t).map((r) => ({ value: r.v === null || r.v === undefined ? null : String(r.v), rows: Number(r.n) }));
    });
  }

  /** The first rows of the dataset, latest period first. */
  preview(limit = 100): Promise<Preview> {
    return this.serial(async () => {
      const engine = await this.engine;
      const dataset = this.state.dataset;
      if (!dataset) return { columns: [], rows: [], total: 0 };
      await this.readColumns(engine, 'all');
      // The latest period only: a filter, not a top-N over every row of a 12-month panel.
      const latest = dataset.periods.at(-1);
      const table = await engine.query(
        `SELECT * EXCLUDE (${HIDDEN_COLUMNS.map(ident).join(', ')}) FROM ${ident(dataset.table)} ${latest === undefined ? '' : 'WHERE period = ?'} ORDER BY __file, __rec LIMIT ${Math.max(0, Math.floor(limit))}`,
        latest === undefined ? [] : [latest],
      );
      return { columns: table.schema.fields.map((f) => f.name), rows: toRows(table), total: dataset.rows };
    });
  }
}

/** What the page shows of a loaded file. */
function fileView({ id, name, report, mapping, size }: LoadedFile): FileView {
  return { id, name, report, mapping, size };
}

/**
 * Progress at most ten times a second (each update renders the page; a 12-month panel reports
 * about a hundred batches), but always a new stage and the end.
 */
function throttled(report: (fraction: number, stage: LoadStage) => void): (fraction: number, stage: LoadStage) => void {
  let last = -Infinity;
  let lastStage: LoadStage | undefined;
  return (fraction, stage) => {
    const now = performance.now();
    if (fraction < 1 && stage === lastStage && now - last < 100) return;
    last = now;
    lastStage = stage;
    report(fraction, stage);
  };
}

/** The failure shown when the engine died and was replaced: everything loaded is gone. */
function engineStopped(e: unknown): LoadFailure {
  const params = { detail: e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e) };
  return { file: '', message: t('en', 'engineRestarted', params), code: 'engineRestarted', params };
}

/** A load failure in the UI language (the English text where it has no catalog message). */
export function failureText(locale: Locale, f: LoadFailure): string {
  if (!f.code) return f.message;
  return f.file ? fileMessage(locale, { ...f, detail: f.message }) : t(locale, f.code, f.params);
}

/** A file that could not be loaded, with what the page needs to say it in its language. */
function failureOf(file: string, e: unknown): LoadFailure {
  if (e instanceof IngestError) {
    return { file, message: e.message, ...(e.code ? { code: e.code, params: e.params } : {}), ...(e.line !== undefined ? { line: e.line } : {}), ...(e.column !== undefined ? { column: e.column } : {}) };
  }
  return { file, message: e instanceof Error ? e.message : String(e) };
}

/** The built-in schemes that can run on this data, compiled over it whole: what tier filters read. */
export function builtInTiers(whole: DatasetInfo): TierSource {
  const columns = new Set(whole.columns.map((c) => c.name));
  return (id) => {
    const scheme = runnablePresets(columns).find((p) => p.id === id);
    return scheme && compileScheme(scheme, { table: whole.table, columns }).sql;
  };
}
