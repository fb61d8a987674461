/**
 * Pure notebook edits: each returns a new notebook (or the same object when nothing changed)
 * and never mutates its input.
 */
import type { Cell, CellKind, Notebook } from './types';

/** Fields a patch may set, per kind (`id` and `kind` never change): required, then optional. */
const FIELDS: Readonly<Record<CellKind, readonly [required: readonly string[], optional: readonly string[]]>> = {
  markdown: [['text'], []],
  sql: [['sql'], []],
  param: [['name', 'control', 'value'], ['min', 'max', 'step', 'options']],
  scheme: [['schemeId', 'scheme', 'saved'], []],
  view: [['view', 'options'], []],
  chart: [['sourceCell', 'chart', 'x', 'y'], ['series']],
};
const COMMON_FIELDS = ['title', 'collapsed'];

/** A patch for some kind of cell: any of its fields but `id` and `kind`. */
export type CellPatch = Cell extends infer C ? (C extends Cell ? Partial<Omit<C, 'id' | 'kind'>> : never) : never;

/** The cell with this id, if any. */
export function findCell(nb: Notebook, id: string): Cell | undefined {
  return nb.cells.find((c) => c.id === id);
}

/** A fresh id `prefix-N`, N one more than the largest used with this prefix. */
export function newId(nb: Notebook, prefix: string): string {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`);
  let max = 0;
  for (const c of nb.cells) {
    const m = pattern.exec(c.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  let n = max + 1;
  while (nb.cells.some((c) => c.id === `${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/**
 * Inserts `cell` after the cell `afterId`; at the end when `afterId` is undefined or not found,
 * at the start when it is null. Throws when the id is already used.
 */
export function addCell(nb: Notebook, cell: Cell, afterId?: string | null): Notebook {
  if (nb.cells.some((c) => c.id === cell.id)) throw new Error(`a cell with id "${cell.id}" already exists`);
  const cells = [...nb.cells];
  if (afterId === null) cells.unshift(cell);
  else {
    const at = afterId === undefined ? -1 : cells.findIndex((c) => c.id === afterId);
    if (at < 0) cells.push(cell);
    else cells.splice(at + 1, 0, cell);
  }
  return { ...nb, cells };
}

/** Removes the cell; the same notebook when there is no such cell. */
export function removeCell(nb: Notebook, id: string): Notebook {
  if (!nb.cells.some((c) => c.id === id)) return nb;
  return { ...nb, cells: nb.cells.filter((c) => c.id !== id) };
}

/**
 * Moves the cell by `delta` places (negative: up), stopping at either end. The same notebook
 * when there is no such cell or it does not move.
 */
export function moveCell(nb: Notebook, id: string, delta: number): Notebook {
  const from = nb.cells.findIndex((c) => c.id === id);
  if (from < 0 || !Number.isFinite(delta)) return nb;
  const to = Math.max(0, Math.min(nb.cells.length - 1, from + Math.trunc(delta)));
  if (to === from) return nb;
  const cells = [...nb.cells];
  const [cell] = cells.splice(from, 1);
  cells.splice(to, 0, cell!);
  return { ...nb, cells };
}

/**
 * Sets fields of a cell. Throws when the patch holds a field the cell's kind does not have (or
 * `id`/`kind`), or sets a required field to undefined. Optional fields set to undefined are
 * removed. The same notebook when there is no such cell or nothing changes.
 */
export function updateCell(nb: Notebook, id: string, patch: CellPatch): Notebook {
  const index = nb.cells.findIndex((c) => c.id === id);
  const cell = nb.cells[index];
  if (!cell) return nb;
  const [required, optional] = FIELDS[cell.kind];
  const entries = Object.entries(patch);
  for (const [key, value] of entries) {
    if (required.includes(key)) {
      if (value === undefined) throw new Error(`"${key}" of a ${cell.kind} cell cannot be removed`);
    } else if (!optional.includes(key) && !COMMON_FIELDS.includes(key)) {
      throw new Error(`"${key}" is not a field of a ${cell.kind} cell`);
    }
  }
  const record = cell as unknown as Record<string, unknown>;
  if (entries.every(([k, v]) => (v === undefined ? !(k in record) : Object.is(record[k], v)))) return nb;
  const next: Record<string, unknown> = { ...record };
  for (const [k, v] of entries) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  const cells = [...nb.cells];
  cells[index] = next as unknown as Cell;
  return { ...nb, cells };
}
