/**
 * The dependency graph of a notebook. Cells read and produce named values:
 *
 * | cell     | reads                                                          | produces      |
 * |----------|----------------------------------------------------------------|---------------|
 * | markdown | `{{name}}` for names some cell produces                         | —             |
 * | sql      | `$name`; `data`; `scheme` when it names a scheme table (`tiered`) | `cell:<id>`   |
 * | param    | —                                                              | its `name`    |
 * | scheme   | —                                                              | `scheme`      |
 * | view     | `data`; `scheme` (unless its kind says not); params in its options | —           |
 * | chart    | `cell:<sourceCell>`                                            | —             |
 *
 * `data` (the dataset) comes from outside the notebook. Order in the notebook does not matter
 * for dependencies. Problems — cycles, a name produced twice, a name nobody produces, a chart
 * whose source is not an SQL cell — are reported per cell, never thrown.
 */
import { isValidParamName, sqlParamNames, sqlWords, templateNames } from './bind';
import type { Cell, CellKind } from './types';
import { isViewKind, VIEWS } from '../views/registry';
import { said, saidList, say, type Said } from '../i18n/said';
import type { MessageKey } from '../i18n/messages';

/** Names provided from outside the notebook (the host sets and invalidates them). */
export const EXTERNAL_NAMES: readonly string[] = ['data'];
/** Names a param cell may not take (they are produced elsewhere). */
export const RESERVED_NAMES: readonly string[] = ['data', 'scheme'];
/** Tables holding the applied scheme: an SQL cell naming one reads `scheme`. */
export const SCHEME_TABLES: readonly string[] = ['tiered'];

/** The name under which an SQL cell's result is known. */
export function cellRef(id: string): string {
  return `cell:${id}`;
}

/** Parameter names listed in view options: `…Param: 'name'` and `…Params: ['a', 'b']`. */
export function viewParamNames(options: Readonly<Record<string, unknown>>): string[] {
  const names: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (key.endsWith('Param') && typeof value === 'string' && value !== '') names.push(value);
    else if (key.endsWith('Params') && Array.isArray(value)) {
      for (const v of value) if (typeof v === 'string' && v !== '') names.push(v);
    }
  }
  return names;
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/** Names produced by some cell of `cells`. */
function producedNames(cells: readonly Cell[]): Set<string> {
  const names = new Set<string>();
  for (const c of cells) for (const n of outputsOf(c)) names.add(n);
  return names;
}

/**
 * The names `cell` reads. `cells` (the notebook) decides which `{{name}}` in markdown are
 * references: only names some cell produces (other `{{…}}` text is shown as written).
 */
export function dependenciesOf(cell: Cell, cells: readonly Cell[] = []): string[] {
  switch (cell.kind) {
    case 'markdown': {
      const produced = producedNames(cells);
      return templateNames(cell.text).filter((n) => produced.has(n));
    }
    case 'sql': {
      const words = sqlWords(cell.sql);
      const scheme = SCHEME_TABLES.some((t) => words.has(t)) ? ['scheme'] : [];
      return unique(['data', ...scheme, ...sqlParamNames(cell.sql)]);
    }
    case 'param':
    case 'scheme':
      return [];
    case 'view': {
      // A kind no module defines is taken to read the scheme; computing it says what is wrong.
      const scheme = isViewKind(cell.view) && VIEWS[cell.view].readsScheme === false ? [] : ['scheme'];
      return unique([...scheme, 'data', ...viewParamNames(cell.options)]);
    }
    case 'chart':
      return [cellRef(cell.sourceCell)];
  }
}

/** The names `cell` produces. */
export function outputsOf(cell: Cell): string[] {
  switch (cell.kind) {
    case 'param':
      return [cell.name];
    case 'scheme':
      return ['scheme'];
    case 'sql':
      return [cellRef(cell.id)];
    default:
      return [];
  }
}

export type CellIssueKind =
  /** The cell is part of a dependency cycle. */
  | 'cycle'
  /** Another cell produces the same name. */
  | 'duplicate-output'
  /** Two cells share this cell's id. */
  | 'duplicate-id'
  /** A param name that is reserved or cannot be referenced. */
  | 'bad-name'
  /** A chart whose source is not an SQL cell. */
  | 'bad-source'
  /** The cell reads a name no cell produces. */
  | 'missing-input'
  /** The cell reads a name produced by more than one cell. */
  | 'ambiguous-input';

export interface CellIssue {
  readonly kind: CellIssueKind;
  /** English text (logs, tests); the page says `said` in its language. */
  readonly message: string;
  readonly said: Said;
  /** The names (or cell ids, for cycles and duplicate ids) concerned. */
  readonly names: readonly string[];
}

function issue(kind: CellIssueKind, what: Said, names: readonly string[]): CellIssue {
  return { kind, message: say('en', what), said: what, names };
}

/** How messages name a cell: `cell q1`. */
export const cellSaid = (id: string): Said => said('nbCellRef', { id });

const KIND_SAID: Record<CellKind, MessageKey> = {
  markdown: 'cellKindMarkdown', sql: 'cellKindSql', param: 'cellKindParam', scheme: 'cellKindScheme', view: 'cellKindView', chart: 'cellKindChart',
};

/** Issues that are about what a cell reads rather than the cell itself. */
export const INPUT_ISSUES: readonly CellIssueKind[] = ['missing-input', 'ambiguous-input'];

/** A node of the generic graph: what it reads and produces. */
export interface GraphNode {
  readonly id: string;
  readonly deps: readonly string[];
  readonly outputs: readonly string[];
}

export interface NotebookGraph {
  /** Cell ids in notebook order. */
  readonly order: readonly string[];
  /** Cell ids with every producer before its readers (notebook order otherwise); cells in cycles last. */
  readonly topo: readonly string[];
  /** Cell id → names it reads. */
  readonly deps: ReadonlyMap<string, readonly string[]>;
  /** Cell id → names it produces. */
  readonly outputs: ReadonlyMap<string, readonly string[]>;
  /** Name → the one cell producing it (names produced twice are absent). */
  readonly producers: ReadonlyMap<string, string>;
  /** Name → cells reading it, in notebook order. */
  readonly readers: ReadonlyMap<string, readonly string[]>;
  /** Cell id → cells it reads from (upstream), in notebook order. */
  readonly upstream: ReadonlyMap<string, readonly string[]>;
  /** Cell id → cells reading its outputs (the adjacency), in notebook order. */
  readonly downstream: ReadonlyMap<string, readonly string[]>;
  /** Cell id → its problems; cells without problems are absent. */
  readonly issues: ReadonlyMap<string, readonly CellIssue[]>;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

/**
 * The graph of arbitrary nodes (what `buildGraph` uses). Reports duplicate ids and outputs,
 * missing and ambiguous inputs (names in `externals` need no producer) and cycles.
 */
export function graphOf(nodes: readonly GraphNode[], externals: readonly string[] = EXTERNAL_NAMES): NotebookGraph {
  const issues = new Map<string, CellIssue[]>();
  const report = (id: string, issue: CellIssue) => pushTo(issues, id, issue);
  const order: string[] = [];
  const seenIds = new Set<string>();
  for (const node of nodes) {
    if (seenIds.has(node.id)) {
      report(node.id, issue('duplicate-id', said('nbDuplicateId', { id: node.id }), [node.id]));
    } else order.push(node.id);
    seenIds.add(node.id);
  }
  const byId = new Map<string, GraphNode>();
  for (const node of nodes) if (!byId.has(node.id)) byId.set(node.id, node);

  // Producers.
  const producedBy = new Map<string, string[]>();
  const outputs = new Map<string, readonly string[]>();
  const deps = new Map<string, readonly string[]>();
  for (const id of order) {
    const node = byId.get(id)!;
    outputs.set(id, unique(node.outputs));
    deps.set(id, unique(node.deps));
    for (const name of unique(node.outputs)) pushTo(producedBy, name, id);
  }
  const producers = new Map<string, string>();
  for (const [name, ids] of producedBy) {
    if (ids.length === 1) producers.set(name, ids[0]!);
    else {
      for (const id of ids) {
        const others = ids.filter((o) => o !== id);
        report(id, issue('duplicate-output', said('nbAlsoDefinedBy', { name, cells: saidList('saidComma', others.map(cellSaid)) }), [name]));
      }
    }
  }

  // Edges.
  const readers = new Map<string, string[]>();
  const upstream = new Map<string, string[]>();
  const downstream = new Map<string, string[]>();
  for (const id of order) {
    upstream.set(id, []);
    downstream.set(id, []);
  }
  for (const id of order) {
    for (const name of deps.get(id)!) {
      pushTo(readers, name, id);
      const producer = producers.get(name);
      const several = producedBy.get(name);
      if (producer !== undefined) {
        pushTo(upstream, id, producer);
        pushTo(downstream, producer, id);
      } else if (several !== undefined) {
        for (const p of several) pushTo(downstream, p, id);
        report(id, issue('ambiguous-input', said('nbDefinedByMany', { name, cells: saidList('saidComma', several) }), [name]));
      } else if (!externals.includes(name)) {
        report(id, issue('missing-input', said('nbNoProducer', { name }), [name]));
      }
    }
  }
  const position = new Map(order.map((id, i) => [id, i]));
  const sortByOrder = (ids: string[]) => ids.sort((a, b) => position.get(a)! - position.get(b)!);
  for (const list of upstream.values()) sortByOrder(list);
  for (const list of downstream.values()) sortByOrder(list);
  for (const list of readers.values()) sortByOrder(list);

  // Topological order (Kahn, notebook order among ready cells); what is left is in cycles or
  // downstream of one.
  const indegree = new Map(order.map((id) => [id, upstream.get(id)!.length]));
  const topo: string[] = [];
  const done = new Set<string>();
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const id of order) {
      if (done.has(id) || indegree.get(id)! > 0) continue;
      done.add(id);
      topo.push(id);
      progressed = true;
      for (const d of downstream.get(id)!) {
        if (upstream.get(d)!.includes(id)) indegree.set(d, indegree.get(d)! - 1);
      }
      break; // restart so earlier cells that just became ready keep notebook order
    }
  }
  const left = order.filter((id) => !done.has(id));
  if (left.length > 0) {
    for (const cycle of findCycles(left, upstream)) {
      const path = [...cycle, cycle[0]!].join(' → ');
      for (const id of cycle) report(id, issue('cycle', said('nbCycle', { path }), cycle));
    }
    topo.push(...left);
  }

  return { order, topo, deps, outputs, producers, readers, upstream, downstream, issues };
}

/** Strongly connected components with a cycle (Tarjan), among `ids`. */
function findCycles(ids: readonly string[], upstream: ReadonlyMap<string, readonly string[]>): string[][] {
  const inSet = new Set(ids);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of upstream.get(v) ?? []) {
      if (!inSet.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      const selfLoop = scc.length === 1 && (upstream.get(v) ?? []).includes(v);
      if (scc.length > 1 || selfLoop) cycles.push(ids.filter((id) => scc.includes(id)));
    }
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return cycles;
}

/** Cell-specific problems that are not about the graph. */
function cellIssues(cell: Cell, byId: ReadonlyMap<string, Cell>): CellIssue[] {
  if (cell.kind === 'param') {
    if (RESERVED_NAMES.includes(cell.name)) {
      return [issue('bad-name', said('nbReservedName', { name: cell.name }), [cell.name])];
    }
    if (!isValidParamName(cell.name)) {
      return [issue('bad-name', said('nbBadParamName', { name: cell.name }), [cell.name])];
    }
  }
  if (cell.kind === 'chart') {
    const source = byId.get(cell.sourceCell);
    if (cell.sourceCell === cell.id) {
      return [issue('bad-source', said('nbChartSelf'), [cell.sourceCell])];
    }
    if (source && source.kind !== 'sql') {
      return [issue('bad-source', said('nbChartSourceKind', { id: cell.sourceCell, kind: said(KIND_SAID[source.kind]) }), [cell.sourceCell])];
    }
  }
  return [];
}

/** The dependency graph of a notebook, with problems reported per cell. */
export function buildGraph(cells: readonly Cell[]): NotebookGraph {
  const byId = new Map<string, Cell>();
  for (const c of cells) if (!byId.has(c.id)) byId.set(c.id, c);
  const nodes = cells.map((cell) => ({
    id: cell.id,
    // A param with a bad name produces nothing, so readers report the name as missing.
    outputs: cellIssues(cell, byId).some((i) => i.kind === 'bad-name') ? [] : outputsOf(cell),
    deps: dependenciesOf(cell, cells),
  }));
  const graph = graphOf(nodes);
  const issues = new Map<string, CellIssue[]>();
  for (const [id, list] of graph.issues) issues.set(id, [...list]);
  for (const id of graph.order) {
    const own = cellIssues(byId.get(id)!, byId);
    if (own.length === 0) continue;
    const list = issues.get(id) ?? [];
    // A chart whose source is not SQL: the "missing cell:<id>" input says the same thing worse.
    issues.set(id, [...own, ...list.filter((i) => !(own[0]!.kind === 'bad-source' && i.kind === 'missing-input'))]);
  }
  // A missing chart source reads better as such.
  for (const cell of cells) {
    if (cell.kind !== 'chart' || byId.has(cell.sourceCell)) continue;
    const list = issues.get(cell.id);
    if (!list) continue;
    issues.set(
      cell.id,
      list.map((i) =>
        i.kind === 'missing-input' && i.names[0] === cellRef(cell.sourceCell)
          ? issue(i.kind, said('nbSourceMissing', { id: cell.sourceCell }), i.names)
          : i,
      ),
    );
  }
  return { ...graph, issues };
}

/** The problems of each cell (cells without problems are absent). */
export function cellProblems(cells: readonly Cell[]): ReadonlyMap<string, readonly CellIssue[]> {
  return buildGraph(cells).issues;
}

/** `ids` and every cell downstream of them in `graph`, as a set. */
export function downstreamClosure(graph: NotebookGraph, ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const stack = [...ids];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    for (const d of graph.downstream.get(id) ?? []) stack.push(d);
  }
  return out;
}

/**
 * The cells to re-run after the values `changed` changed, in notebook order: every cell reading
 * one of them, and transitively every cell reading what those produce. The producers of the
 * changed names are not included (their value is what changed).
 */
export function dirtyAfter(changed: readonly string[], cells: readonly Cell[] | NotebookGraph): string[] {
  const graph = isGraph(cells) ? cells : buildGraph(cells);
  const seeds = changed.flatMap((name) => graph.readers.get(name) ?? []);
  const dirty = downstreamClosure(graph, seeds);
  return graph.order.filter((id) => dirty.has(id));
}

function isGraph(x: readonly Cell[] | NotebookGraph): x is NotebookGraph {
  return !Array.isArray(x);
}
