import { dateCellText, type ColumnFormats, type ExportCell, type ExportRow } from './cells';

export const CSV_MIME = 'text/csv;charset=utf-8';

export interface CsvOptions {
  /**
   * Start the file with a UTF-8 byte order mark (default `true`). Excel on Chinese Windows
   * reads a CSV without BOM as GBK and shows 客户 as mojibake; with the BOM it reads UTF-8.
   * DuckDB, pandas and R skip the BOM. Turn it off only for tools that choke on it.
   */
  bom?: boolean;
  /**
   * Column formats (a table's `formats`): a `share` column (a fraction 0..1, its header naming
   * %) is written in percent, 0.123 as 12.3, so the number matches the header; a CSV has no
   * number formats to do that as XLSX does. Other formats leave the numbers as they are.
   */
  formats?: ColumnFormats;
}

/** A fraction in percent without float noise (0.123 × 100 is 12.299999999999999). */
const percentOf = (v: ExportCell): ExportCell => (typeof v === 'number' && Number.isFinite(v) ? Number((v * 100).toPrecision(15)) : v);

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const CRLF = '\r\n';

/**
 * First characters that make Excel, LibreOffice or Google Sheets read a CSV field as a formula
 * (OWASP "CSV Injection"): `=`, `+`, `-`, `@`, tab and carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a text field that would start a formula by prefixing `'` (OWASP advice). Only for
 * text: typed numbers such as -12.5 are written as numbers and never prefixed, so a negative
 * amount stays a number in Excel. Text that merely looks numeric ("-12.5" read as text, a phone
 * number "+86 …") is prefixed — we cannot tell it from an attack, and it was text anyway.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting: quotes fields with `"`, `,`, CR or LF (plus a few cases Excel mangles). */
function quote(text: string, force: boolean): string {
  if (force || text === '' || /[",\r\n]/.test(text) || /^\s|\s$/.test(text)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/**
 * One value as a CSV field (already quoted when needed):
 * - `null`/`undefined` → empty, unquoted; the empty string → `""` (so readers that care can tell them apart);
 * - numbers in full precision (`String(n)`, the shortest text that reads back to the same double),
 *   no thousands separators, `.` as decimal point; NaN and ±Infinity → empty (CSV has no portable
 *   spelling for them; DuckDB's divisions already give NULL);
 * - bigint in full; `Date` → `YYYY-MM-DD` (or `YYYY-MM-DD HH:MM:SS` UTC when it has a time);
 * - booleans as `true`/`false`, not 是/否: the file is data, not a display. `true/false` is read as
 *   BOOLEAN by DuckDB, pandas and Excel (TRUE/FALSE), and by our own `parseFlagText`, in either UI
 *   language; 是/否 would turn the column into text for every tool but ours;
 * - text with the formula guard applied (see `guardFormula`).
 */
export function csvField(value: ExportCell): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? String(value) : '';
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string': {
      const guarded = guardFormula(value);
      return quote(guarded, guarded !== value);
    }
    default: {
      if (value instanceof Date) return dateCellText(value) ?? '';
      const text = guardFormula(String(value));
      return quote(text, false);
    }
  }
}

/** Lines are encoded in batches so a large export never builds one giant string. */
const BATCH_LINES = 4096;

/**
 * A table as CSV bytes: UTF-8 (with BOM by default), CRLF line endings (also after the last
 * record), a header row of the column names (guarded like text cells), RFC 4180 quoting.
 * Columns missing from a row are written empty.
 */
export function toCsv(columns: readonly string[], rows: readonly ExportRow[], options: CsvOptions = {}): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  if (options.bom ?? true) parts.push(BOM);
  let lines: string[] = [columns.map((c) => csvField(c)).join(',')];
  const share = columns.map((c) => options.formats?.[c] === 'share');
  for (const row of rows) {
    lines.push(columns.map((c, i) => csvField(share[i] ? percentOf(row[c]) : row[c])).join(','));
    if (lines.length >= BATCH_LINES) {
      parts.push(encoder.encode(lines.join(CRLF) + CRLF));
      lines = [];
    }
  }
  if (lines.length > 0) parts.push(encoder.encode(lines.join(CRLF) + CRLF));
  return concat(parts);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
