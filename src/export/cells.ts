import type { Cell } from '../engine/rows';

/**
 * What the exporters accept in a cell: the engine's `Cell` (see `src/engine/rows.ts`), plus the
 * two JS values that reach exports when callers skip `toRows` — `Date` and `bigint` — and
 * `undefined` (a row without that key). `Row` is assignable to `ExportRow`.
 */
export type ExportCell = Cell | Date | bigint | undefined;
export type ExportRow = Readonly<Record<string, ExportCell>>;

/**
 * How a numeric column is meant (a table's `formats`): `share` a fraction 0..1 shown as a
 * percentage, `amount` money in yuan, `count` whole customers.
 */
export type ColumnFormat = 'share' | 'amount' | 'count';
export type ColumnFormats = Readonly<Record<string, ColumnFormat>>;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A `Date` as text in the same convention as `toRows`: `YYYY-MM-DD` when it is a calendar date
 * (UTC midnight, which is how Arrow/DuckDB hand over DATE values), otherwise
 * `YYYY-MM-DD HH:MM:SS` in UTC. Invalid dates give `null`.
 */
export function dateCellText(d: Date): string | null {
  const t = d.getTime();
  if (!Number.isFinite(t)) return null;
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (t % 86_400_000 === 0) return day;
  const ms = d.getUTCMilliseconds();
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`;
}

/** True when the date has no time of day (UTC midnight). */
export function isDateOnly(d: Date): boolean {
  return d.getTime() % 86_400_000 === 0;
}
