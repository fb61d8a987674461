import type { TextEncoding } from './decode';
import type { FileFormat } from './detect';
import type { Problem } from './report';
import type { DeferredColumns } from './deferred';

/**
 * A file read into DuckDB as it is (original column names, rows in file order, so `rowid`
 * is the record index), before any typing. Text formats arrive as VARCHAR columns.
 */
export interface Staging {
  readonly table: string;
  readonly format: FileFormat;
  readonly encoding?: TextEncoding;
  readonly delimiter?: string;
  /** Structural problems found while reading (rejected rows, nested values…), the first few of each kind. */
  readonly problems: readonly Problem[];
  /** Problems found while reading beyond those listed (a file with 100k ragged rows lists 20). */
  readonly unlisted?: number;
  /** The sheet read (a workbook), and every sheet with its header, for the user to pick another. */
  readonly sheet?: string;
  readonly sheets?: readonly SheetInfo[];
  /** Columns of the file not read yet (Parquet read lazily). */
  readonly deferred?: DeferredColumns;
  /** Line (or sheet row) of each record by index; `undefined` where the format has none. */
  lineOf(recordIndex: number): number | undefined;
}

/** Makes header names usable and unique: blanks get `column_N`, repeats get `_2`, `_3`. */
export function uniqueHeaders(raw: readonly (string | null | undefined)[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = (h ?? '').trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

/** A workbook's sheet: its name, its header's cells, and whether it maps a customer id. */
export interface SheetInfo {
  readonly name: string;
  readonly headers: readonly string[];
  readonly fits: boolean;
}
