/**
 * Runs notebook cells reactively. Cells that compute (sql, view, chart) go through an injected
 * async `run`; param, scheme and markdown cells are evaluated inline (a param's value is its
 * `value`, the scheme cell's is its `scheme`, a markdown cell's is its text with `{{name}}`
 * filled in).
 *
 * Rules:
 * - A cell starts when it is dirty and every input is ready; cells start in dependency order.
 * - A newer invalidation supersedes older work. The in-flight run of a re-dirtied cell is aborted
 *   through its AbortSignal and its result, whenever it arrives, is dropped: never shown, never
 *   given to dependents. The cell's next run starts only once the aborted run has settled (or
 *   after `abandonAfterMs`), with the inputs current at that moment. So a cell has at most one
 *   run in flight and one pending re-run, never a queue of stale runs — a slider dragged across
 *   fifty values costs the run in flight and one more (the mosaic #967 lesson). For this to hold
 *   end to end, `run` should settle only when the work it started has really stopped.
 * - Errors stay in the failing cell (`failed`, with the message). Cells reading its output become
 *   `blocked`, naming the input; other cells run normally.
 * - Problems of the graph (cycles, a name defined twice, a missing input) are shown on the
 *   cells concerned: `failed` for the cell's own problem, `blocked` for a missing input.
 *
 * - Cells off screen wait (`deferred`) when a `wanted` predicate is set: a computing cell runs only
 *   when it, or a cell downstream of it, is wanted. A deferred cell keeps its stale value, counts
 *   as idle, and runs as soon as it is wanted again (`wantedChanged`). A notebook of twenty views
 *   thus loads new data at the cost of the views in sight.
 *
 * State is exposed as immutable values through `subscribe` / `getSnapshot`, suitable for React's
 * `useSyncExternalStore`; a cell's state object is replaced only when it changes.
 */
import { interpolate } from './bind';
import { buildGraph, cellRef, cellSaid, dirtyAfter, downstreamClosure, EXTERNAL_NAMES, INPUT_ISSUES, type NotebookGraph } from './deps';
import { said, saidList, saidOf, say, type Said } from '../i18n/said';
import type { Cell, CellKind } from './types';

export type CellStatus = 'idle' | 'pending' | 'deferred' | 'running' | 'ready' | 'failed' | 'blocked';

export interface CellState {
  /**
   * `idle`: never scheduled; `pending`: waiting for inputs (or for its aborted run to stop);
   * `deferred`: needs a run but nobody is looking (off screen; the value, if any, is stale);
   * `running`: a run is in flight; `ready`: `value` is current; `failed`: `error` says why;
   * `blocked`: an input failed, is blocked or is missing — `blockedBy` names it.
   */
  readonly status: CellStatus;
  /** The result; kept (stale) while `pending` or `running` again, absent when failed/blocked. */
  readonly value?: unknown;
  readonly error?: string;
  /** `error` as a catalog message, which the page says in its language. */
  readonly said?: Said;
  /** For `blocked`: the input name. */
  readonly blockedBy?: string;
  /** Bumped on every change of this cell's state. */
  readonly version: number;
}

export interface SchedulerSnapshot {
  /** Cell id → state, in notebook order. */
  readonly cells: Readonly<Record<string, CellState>>;
  /** Cell ids in notebook order. */
  readonly order: readonly string[];
  /** Bumped on every change. */
  readonly version: number;
}

export type RunCell = (cell: Cell, inputs: Readonly<Record<string, unknown>>, signal: AbortSignal) => Promise<unknown>;

export type InlineKind = Extract<CellKind, 'param' | 'scheme' | 'markdown'>;

export interface SchedulerOptions {
  /** Computes a cell's value. `inputs` holds the value of every name the cell reads. */
  readonly run: RunCell;
  /** Initial cells (all scheduled). */
  readonly cells?: readonly Cell[];
  /** Values of names from outside the notebook (`data`). */
  readonly externals?: Readonly<Record<string, unknown>>;
  /** Kinds evaluated inline instead of through `run`. Default: param, scheme, markdown. */
  readonly inlineKinds?: readonly InlineKind[];
  /**
   * How long to wait for an aborted run to settle before starting the cell's next run anyway,
   * in ms (a run that ignores its signal must not freeze the cell). Default 5000; `Infinity`
   * waits for ever.
   */
  readonly abandonAfterMs?: number;
  /** Which cells are looked at (see `setWanted`); without it every cell is. */
  readonly wanted?: (id: string) => boolean;
}

interface RunHandle {
  readonly controller: AbortController;
  timer?: ReturnType<typeof setTimeout>;
}

interface Slot {
  cell: Cell;
  state: CellState;
  /** Needs a (re)run with current inputs. */
  dirty: boolean;
  /** The run whose result will be used. */
  current?: RunHandle;
  /** An aborted run that has not settled yet; the next run waits for it. */
  zombie?: RunHandle;
}

const IDLE: CellState = Object.freeze({ status: 'idle', version: 0 });

/** The cell without presentation fields, as stable text. */
function contentKey(cell: Cell): string {
  const { title: _title, collapsed: _collapsed, ...content } = cell;
  return stableStringify(content);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : String(error);
}

/** What a cell's graph position looks like from the cell: its inputs, who produces them, its problems. */
function signature(graph: NotebookGraph, id: string): string {
  const deps = graph.deps.get(id) ?? [];
  return JSON.stringify([
    deps,
    deps.map((n) => graph.producers.get(n) ?? null),
    (graph.issues.get(id) ?? []).map((i) => i.message),
  ]);
}

export class Scheduler {
  private readonly run: RunCell;
  private readonly inlineKinds: readonly CellKind[];
  private readonly abandonAfterMs: number;
  private readonly externals: Record<string, unknown>;
  private cells: readonly Cell[] = [];
  private graph: NotebookGraph = buildGraph([]);
  private readonly slots = new Map<string, Slot>();
  private readonly listeners = new Set<() => void>();
  private snapshot: SchedulerSnapshot = { cells: {}, order: [], version: 0 };
  private changed = false;
  private pumpQueued = false;
  private pumping = false;
  private disposed = false;
  private idleWaiters: (() => void)[] = [];
  private wanted: ((id: string) => boolean) | undefined;

  constructor(options: SchedulerOptions) {
    this.run = options.run;
    this.wanted = options.wanted;
    this.inlineKinds = options.inlineKinds ?? ['param', 'scheme', 'markdown'];
    this.abandonAfterMs = options.abandonAfterMs ?? 5000;
    this.externals = { ...options.externals };
    if (options.cells) this.setCells(options.cells);
  }

  /** For `useSyncExternalStore`: calls `listener` after every change; returns the unsubscriber. */
  subscribe = (listener: () => void): (() => void) => {
    if (this.disposed) return () => undefined;
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** For `useSyncExternalStore`: the current state; the same object until something changes. */
  getSnapshot = (): SchedulerSnapshot => this.snapshot;

  /** One cell's state (the same object until that cell changes); `idle` for unknown ids. */
  getCellState(id: string): CellState {
    return this.slots.get(id)?.state ?? IDLE;
  }

  /** The current dependency graph (with per-cell problems). */
  getGraph(): NotebookGraph {
    return this.graph;
  }

  /**
   * Replaces the cells. Cells that are new or whose content changed (anything but `title` and
   * `collapsed`), cells whose inputs now come from elsewhere (a producer added, removed or
   * duplicated) and everything downstream of them re-run; moving cells re-runs nothing. Runs of
   * removed cells are aborted.
   */
  setCells(cells: readonly Cell[]): void {
    if (this.disposed) return;
    const oldGraph = this.graph;
    const graph = buildGraph(cells);
    const newById = new Map<string, Cell>();
    for (const c of cells) if (!newById.has(c.id)) newById.set(c.id, c);

    for (const [id, slot] of this.slots) {
      if (newById.has(id)) continue;
      this.abortRuns(slot);
      this.slots.delete(id);
      this.changed = true;
    }
    const edited: string[] = [];
    for (const id of graph.order) {
      const cell = newById.get(id)!;
      const slot = this.slots.get(id);
      if (!slot) {
        this.slots.set(id, { cell, state: IDLE, dirty: false });
        edited.push(id);
        this.changed = true;
        continue;
      }
      const contentChanged = slot.cell !== cell && contentKey(slot.cell) !== contentKey(cell);
      if (contentChanged || signature(oldGraph, id) !== signature(graph, id)) edited.push(id);
      slot.cell = cell;
    }
    if (cells.length !== this.cells.length || cells.some((c, i) => c.id !== this.cells[i]?.id)) this.changed = true;
    this.cells = cells;
    this.graph = graph;
    this.markDirty(downstreamClosure(graph, edited));
    this.afterChange();
  }

  /**
   * The values `names` changed: every cell reading them (and everything downstream) re-runs.
   * In-flight runs of those cells are aborted; their results will be dropped.
   */
  invalidate(names: readonly string[]): void {
    if (this.disposed) return;
    this.markDirty(dirtyAfter(names, this.graph));
    this.afterChange();
  }

  /** Re-runs the given cells and everything downstream (e.g. a "run" button, a retry). */
  rerun(ids: readonly string[]): void {
    if (this.disposed) return;
    this.markDirty(downstreamClosure(this.graph, ids.filter((id) => this.slots.has(id))));
    this.afterChange();
  }

  /** Sets the value of an outside name (`data`) and invalidates it. */
  setExternal(name: string, value: unknown): void {
    if (this.disposed) return;
    this.externals[name] = value;
    this.invalidate([name]);
  }

  /**
   * Sets which cells are looked at (e.g. on screen): computing cells that are not, and that no
   * wanted cell reads from, wait as `deferred`. `undefined`: every cell is wanted.
   */
  setWanted(wanted: ((id: string) => boolean) | undefined): void {
    this.wanted = wanted;
    this.wantedChanged();
  }

  /** The answers of the `wanted` predicate changed: deferred cells now wanted start. */
  wantedChanged(): void {
    if (this.disposed) return;
    this.schedulePump();
  }

  /** Resolves when no cell is pending or running (immediately if none is; deferred cells wait). */
  whenIdle(): Promise<void> {
    if (this.disposed || this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Aborts every run, drops every late result and stops notifying. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const slot of this.slots.values()) this.abortRuns(slot);
    this.listeners.clear();
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  // ——— internals ———

  private isIdle(): boolean {
    if (this.pumpQueued) return false;
    for (const slot of this.slots.values()) if (slot.current || (slot.dirty && slot.state.status !== 'deferred')) return false;
    return true;
  }

  private setState(slot: Slot, next: Omit<CellState, 'version'>): void {
    const prev = slot.state;
    if (
      prev.status === next.status &&
      Object.is(prev.value, next.value) &&
      prev.error === next.error &&
      prev.blockedBy === next.blockedBy &&
      ('value' in prev) === ('value' in next)
    ) {
      return;
    }
    slot.state = Object.freeze({ ...next, version: prev.version + 1 });
    this.changed = true;
  }

  private abortRuns(slot: Slot): void {
    for (const handle of [slot.current, slot.zombie]) {
      if (!handle) continue;
      if (handle.timer !== undefined) clearTimeout(handle.timer);
      handle.controller.abort();
    }
    slot.current = undefined;
    slot.zombie = undefined;
  }

  private markDirty(ids: Iterable<string>): void {
    for (const id of ids) {
      const slot = this.slots.get(id);
      if (!slot) continue;
      slot.dirty = true;
      const running = slot.current;
      if (running) {
        slot.current = undefined;
        running.controller.abort();
        if (slot.zombie?.timer !== undefined) clearTimeout(slot.zombie.timer);
        slot.zombie = running;
        if (Number.isFinite(this.abandonAfterMs)) {
          running.timer = setTimeout(() => {
            if (slot.zombie !== running) return;
            slot.zombie = undefined;
            this.schedulePump();
          }, this.abandonAfterMs);
        }
      }
      const { status, value } = slot.state;
      const keep = status === 'ready' || status === 'running' || status === 'pending' || status === 'deferred';
      this.setState(slot, keep && 'value' in slot.state ? { status: 'pending', value } : { status: 'pending' });
    }
  }

  private afterChange(): void {
    this.schedulePump();
    this.commit();
  }

  private schedulePump(): void {
    if (this.pumpQueued || this.disposed) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
      this.commit();
    });
  }

  private commit(): void {
    if (this.disposed) return;
    if (this.changed) {
      this.changed = false;
      const cells: Record<string, CellState> = {};
      for (const id of this.graph.order) {
        const slot = this.slots.get(id);
        if (slot) cells[id] = slot.state;
      }
      this.snapshot = { cells, order: this.graph.order, version: this.snapshot.version + 1 };
      for (const listener of [...this.listeners]) listener();
    }
    if (this.idleWaiters.length > 0 && this.isIdle()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private describeInput(name: string): Said {
    const producer = this.graph.producers.get(name);
    if (producer === undefined) return said('nbNameRef', { name });
    return name === cellRef(producer) ? cellSaid(producer) : said('nbNameOfCell', { name, id: producer });
  }

  /** Starts every dirty cell whose inputs are ready, in dependency order. */
  private pump(): void {
    if (this.disposed) return;
    if (this.pumping) {
      this.schedulePump();
      return;
    }
    this.pumping = true;
    try {
      const wanted = this.wantedCells();
      for (const id of this.graph.topo) {
        const slot = this.slots.get(id);
        if (!slot) continue;
        // Scrolled away while running: stop it (its result is dropped); it re-runs when seen.
        if (wanted && slot.current && !wanted.has(id)) this.markDirty([id]);
        if (!slot.dirty) continue;
        if (wanted && !wanted.has(id) && !this.inlineKinds.includes(slot.cell.kind)) this.defer(slot);
        else this.tryStart(id, slot);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Wanted cells and everything upstream of them; `undefined` when every cell is wanted. */
  private wantedCells(): Set<string> | undefined {
    const wanted = this.wanted;
    if (!wanted) return undefined;
    const out = new Set<string>();
    const stack = this.graph.order.filter((id) => wanted(id));
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      for (const up of this.graph.upstream.get(id) ?? []) stack.push(up);
    }
    return out;
  }

  private defer(slot: Slot): void {
    if (slot.zombie) return; // the aborted run still settles; the cell stays pending until then
    this.setState(slot, 'value' in slot.state ? { status: 'deferred', value: slot.state.value } : { status: 'deferred' });
  }

  private tryStart(id: string, slot: Slot): void {
    const issues = this.graph.issues.get(id) ?? [];
    const own = issues.filter((i) => !INPUT_ISSUES.includes(i.kind));
    if (own.length > 0) {
      slot.dirty = false;
      const all = said('saidVerbatim', { text: saidList('saidSemicolon', own.map((i) => i.said)) });
      this.setState(slot, { status: 'failed', error: say('en', all), said: all });
      return;
    }
    const inputIssue = issues[0];
    if (inputIssue) {
      slot.dirty = false;
      this.setState(slot, { status: 'blocked', error: inputIssue.message, said: inputIssue.said, blockedBy: inputIssue.names[0] ?? '' });
      return;
    }

    const deps = this.graph.deps.get(id) ?? [];
    let waiting = false;
    for (const name of deps) {
      if (EXTERNAL_NAMES.includes(name) && !this.graph.producers.has(name)) continue;
      const producer = this.graph.producers.get(name);
      const up = producer === undefined ? undefined : this.slots.get(producer);
      if (!up) continue; // cannot happen: the graph reported it
      const status = up.state.status;
      if (up.dirty || up.current || status === 'pending' || status === 'running' || status === 'idle') {
        waiting = true;
      } else if (status === 'failed' || status === 'blocked') {
        slot.dirty = false;
        const why = said(status === 'failed' ? 'nbInputFailed' : 'nbInputBlocked', { input: this.describeInput(name) });
        this.setState(slot, { status: 'blocked', error: say('en', why), said: why, blockedBy: name });
        return;
      }
    }
    if (waiting || slot.zombie) {
      if (slot.state.status !== 'pending') this.markDirty([id]);
      return;
    }

    const inputs: Record<string, unknown> = {};
    for (const name of deps) {
      const producer = this.graph.producers.get(name);
      inputs[name] = producer === undefined ? this.externals[name] : this.slots.get(producer)?.state.value;
    }
    slot.dirty = false;
    const cell = slot.cell;

    if (this.inlineKinds.includes(cell.kind)) {
      try {
        this.setState(slot, { status: 'ready', value: evaluateInline(cell, inputs) });
      } catch (e) {
        this.setState(slot, { status: 'failed', error: errorMessage(e), said: saidOf(e) });
      }
      return;
    }

    const handle: RunHandle = { controller: new AbortController() };
    slot.current = handle;
    this.setState(slot, 'value' in slot.state ? { status: 'running', value: slot.state.value } : { status: 'running' });
    let promise: Promise<unknown>;
    try {
      promise = Promise.resolve(this.run(cell, inputs, handle.controller.signal));
    } catch (e) {
      promise = Promise.reject(e);
    }
    promise.then(
      (value) => this.finish(id, handle, { ok: true, value }),
      (error: unknown) => this.finish(id, handle, { ok: false, error }),
    );
  }

  private finish(id: string, handle: RunHandle, result: { ok: true; value: unknown } | { ok: false; error: unknown }): void {
    if (this.disposed) return;
    const slot = this.slots.get(id);
    if (!slot) return;
    if (slot.current === handle) {
      slot.current = undefined;
      this.setState(slot, result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: errorMessage(result.error), said: saidOf(result.error) });
      this.schedulePump();
      this.commit();
    } else if (slot.zombie === handle) {
      // Superseded: the result is dropped; the pending re-run may start now.
      if (handle.timer !== undefined) clearTimeout(handle.timer);
      slot.zombie = undefined;
      this.schedulePump();
    }
  }
}

/** The value of a cell evaluated without `run`. */
export function evaluateInline(cell: Cell, inputs: Readonly<Record<string, unknown>>): unknown {
  switch (cell.kind) {
    case 'param':
      return cell.value;
    case 'scheme':
      return cell.scheme;
    case 'markdown':
      return interpolate(cell.text, inputs);
    default:
      throw new Error(`a ${cell.kind} cell cannot be evaluated inline`);
  }
}
