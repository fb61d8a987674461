import type { FieldName } from './vocabulary';
import type { FileFormat } from './detect';
import type { TextEncoding } from './decode';
import type { LeftOutRow } from './left-out';
import type { SheetInfo } from './staging';
import { t, type MessageKey, type MessageVars } from '../i18n/messages';
import type { Locale } from '../i18n/format';

/** One thing wrong in a file, located as precisely as the format allows. */
export interface Problem {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  /** Physical line (CSV, NDJSON) or sheet row (XLSX), 1-based, counting the header. */
  readonly line?: number;
  readonly column?: string;
  readonly value?: string;
  /** The English text (command line, logs); the page shows `code` in its own language. */
  readonly message: string;
  /** Catalog key and variables of the message, when it has one. */
  readonly code?: MessageKey;
  readonly params?: MessageVars;
}

/** A problem's text in the UI language (English text for problems that have no catalog key yet). */
export function problemText(locale: Locale, p: Pick<Problem, 'message' | 'code' | 'params'>): string {
  return p.code ? t(locale, p.code, p.params) : p.message;
}

/** A problem from a catalog message: `message` is its English text. */
export function problem(fields: Omit<Problem, 'message' | 'code' | 'params'>, code: MessageKey, params: MessageVars = {}): Problem {
  return { ...fields, code, params, message: t('en', code, params) };
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
  /** Not read yet (a Parquet column nothing has asked for): `nulls` and `invalid` are not known. */
  readonly pending?: boolean;
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
  /** Rows that are not customers (summaries, notes, no id), the first few listed with their lines. */
  readonly leftOut?: readonly LeftOutRow[];
  /** Every such row (blank rows aside), listed or not. */
  readonly leftOutCount?: number;
  /** The sheet read, and the workbook's sheets with their headers (XLSX). */
  readonly sheet?: string;
  readonly sheets?: readonly SheetInfo[];
  readonly ms: number;
}

/** A left-out row as a problem: the command line prints it as a warning with its line. */
export function leftOutProblem(file: string, row: LeftOutRow): Problem {
  const where = { severity: 'warning' as const, file, line: row.line, value: row.text };
  if (row.kind === 'summary') return row.sumOf !== undefined ? problem(where, 'leftOutSum', { n: row.sumOf }) : problem(where, 'leftOutSummary', { text: row.text ?? '' });
  if (row.kind === 'note') return problem(where, 'leftOutNote', { text: row.text ?? '' });
  return problem(where, 'leftOutNoId');
}

export const PROBLEM_LIMIT = 20;

/** What went wrong, as a catalog message: the page says it in its language, the CLI in English. */
export interface Detail {
  readonly code: MessageKey;
  readonly params?: MessageVars;
}

/**
 * A file that cannot be read. The file name leads every message (users load many files at
 * once), then the line and column where known. `detail` is English text or a catalog message.
 */
export class IngestError extends Error {
  readonly code?: MessageKey;
  readonly params?: MessageVars;
  constructor(
    readonly file: string,
    detail: string | Detail,
    readonly line?: number,
    readonly column?: string,
  ) {
    const text = typeof detail === 'string' ? detail : t('en', detail.code, detail.params);
    super(`${file}${line !== undefined ? `, line ${line}` : ''}${column !== undefined ? `, column "${column}"` : ''}: ${text}`);
    this.name = 'IngestError';
    if (typeof detail !== 'string') {
      this.code = detail.code;
      this.params = detail.params ?? {};
    }
    this.detailText = text;
  }
  private readonly detailText: string;

  /** The whole message in the UI language: file, line, column, then what is wrong. */
  localized(locale: Locale): string {
    return fileMessage(locale, { file: this.file, line: this.line, column: this.column, code: this.code, params: this.params, detail: this.detailText });
  }
}

/**
 * A file's error in the UI language: the file, the line and column where known, then what is
 * wrong (the catalog message, or `detail` as it is when there is none).
 */
export function fileMessage(
  locale: Locale,
  e: { readonly file: string; readonly line?: number; readonly column?: string; readonly code?: MessageKey; readonly params?: MessageVars; readonly detail: string },
): string {
  const what = e.code ? t(locale, e.code, e.params) : e.detail;
  const where = [e.line !== undefined ? t(locale, 'errAtLine', { line: e.line }) : '', e.column !== undefined ? t(locale, 'errAtColumn', { column: e.column }) : ''].filter(Boolean);
  const sep = t(locale, 'errWhereSep');
  return t(locale, 'errFileMessage', { file: e.file, where: where.map((w) => sep + w).join(''), what });
}
