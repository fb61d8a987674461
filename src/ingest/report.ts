import type { FieldName } from './vocabulary';
import type { FileFormat } from './detect';
import type { TextEncoding } from './decode';

/** One thing wrong in a file, located as precisely as the format allows. */
export interface Problem {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  /** Physical line (CSV, NDJSON) or sheet row (XLSX), 1-based, counting the header. */
  readonly line?: number;
  readonly column?: string;
  readonly value?: string;
  readonly message: string;
}

/** How a column was read: what it maps to, the type chosen, and what could not be read. */
export interface ColumnReport {
  readonly name: string;
  readonly field?: FieldName;
  readonly type: 'number' | 'date' | 'month' | 'flag' | 'text' | 'native';
  readonly sqlType: string;
  readonly nulls: number;
  /** Cells that were not missing but could not be read as `type` (now NULL, and listed). */
  readonly invalid: number;
}

export interface FileReport {
  readonly file: string;
  readonly format: FileFormat;
  readonly encoding?: TextEncoding;
  readonly delimiter?: string;
  readonly rows: number;
  /** The period this file's rows belong to when the file has no period column. */
  readonly period?: string;
  readonly columns: readonly ColumnReport[];
  /** At most `PROBLEM_LIMIT` per column are listed; `problemCount` counts them all. */
  readonly problems: readonly Problem[];
  readonly problemCount: number;
  readonly ms: number;
}

export const PROBLEM_LIMIT = 20;

/** The file name in front of every message: users load many files at once. */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    detail: string,
    readonly line?: number,
    readonly column?: string,
  ) {
    super(`${file}${line !== undefined ? `, line ${line}` : ''}${column !== undefined ? `, column "${column}"` : ''}: ${detail}`);
    this.name = 'IngestError';
  }
}
