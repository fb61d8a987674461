import * as XLSX from '@e965/xlsx';
import { isDateOnly, type ColumnFormat, type ColumnFormats, type ExportCell, type ExportRow } from './cells';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface XlsxSheet {
  name: string;
  columns: readonly string[];
  rows: readonly ExportRow[];
  /** Number formats by column: shares as `0.0%`, amounts `#,##0.00`, counts `#,##0` (the values stay raw). */
  formats?: ColumnFormats;
}

/** Excel number formats of the column formats: a share cell holds 0.123 and shows 12.3%. */
export const XLSX_NUMBER_FORMATS: Readonly<Record<ColumnFormat, string>> = { share: '0.0%', amount: '#,##0.00', count: '#,##0' };

/** Excel's limits: rows per sheet (header included), columns, characters per cell. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_COLUMNS = 16_384;
export const XLSX_MAX_CELL_CHARS = 32_767;
const SHEET_NAME_MAX = 31;

/**
 * A sheet name Excel accepts: no `[ ] : * ? / \`, no control characters, not starting or
 * ending with `'`, not empty, not the reserved `History`, at most 31 characters (UTF-16 units,
 * never cutting a surrogate pair), and — given the names already `taken` — unique ignoring case
 * (`名称`, `名称 (2)`, …). Adds the result to `taken`.
 */
export function sanitizeSheetName(name: string, taken: Set<string> = new Set()): string {
  let base = name
    .replace(/[\p{Cc}]/gu, '')
    .replace(/[[\]:*?/\\]/g, '_')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  if (base === '' || base.toLowerCase() === 'history') base = base === '' ? 'Sheet' : `${base}_`;
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  let candidate = fit(base, '');
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = fit(base, ` (${n})`);
  taken.add(candidate);
  return candidate;
}

function fit(base: string, suffix: string): string {
  let out = '';
  for (const ch of base) {
    if (out.length + ch.length + suffix.length > SHEET_NAME_MAX) break;
    out += ch;
  }
  // Cutting can leave a trailing space or apostrophe; Excel rejects a trailing apostrophe.
  return out.replace(/[\s']+$/, '') + suffix;
}

/**
 * Text as stored in a cell: OOXML decodes `_xHHHH_` in strings (so the text `_x0041_` would
 * come back as `A`); the underscore is escaped as `_x005F_` per ECMA-376. Text longer than
 * Excel's 32,767 characters is cut (with `…`) — otherwise Excel refuses the whole file.
 */
function cellText(text: string): string {
  const escaped = text.replace(/_(x[0-9a-fA-F]{4}_)/g, '_x005F_$1');
  return escaped.length > XLSX_MAX_CELL_CHARS ? `${escaped.slice(0, XLSX_MAX_CELL_CHARS - 1)}…` : escaped;
}

/** Days since 1899-12-30 (Excel's 1900 date system), computed in UTC so no time zone leaks in. */
function excelSerial(d: Date): number {
  return d.getTime() / 86_400_000 + 25_569;
}

/**
 * One value as a SheetJS cell. Strings are always string cells (`t: 's'`): a cell is only a
 * formula when it has an `f` property, which we never set, so `=1+1` stays the text `=1+1`.
 */
function toCellObject(value: ExportCell): XLSX.CellObject | undefined {
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case 'number':
      // NaN/Infinity would become #NUM!/#DIV/0! error cells; an empty cell matches the CSV export.
      return Number.isFinite(value) ? { t: 'n', v: value } : undefined;
    case 'bigint':
      // Beyond 2^53 a number would change the digits (IDs); keep those as text.
      return Number.isSafeInteger(Number(value)) ? { t: 'n', v: Number(value) } : { t: 's', v: value.toString() };
    case 'boolean':
      return { t: 'b', v: value };
    case 'string':
      return { t: 's', v: cellText(value) };
    default:
      if (value instanceof Date) {
        if (!Number.isFinite(value.getTime())) return undefined;
        return { t: 'n', v: excelSerial(value), z: isDateOnly(value) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss' };
      }
      return { t: 's', v: cellText(String(value)) };
  }
}

/** Display width in "characters": CJK and full-width forms count double. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

/** Rows looked at when fitting column widths (enough to be representative, cheap on big sheets). */
const WIDTH_SAMPLE_ROWS = 2000;

function cellWidth(cell: XLSX.CellObject | undefined): number {
  if (!cell) return 0;
  // Dates show their format's width; a number format adds separators and a % or decimals.
  if (cell.t === 'n') return cell.z && /y/.test(String(cell.z)) ? String(cell.z).length : Math.min(String(cell.v).length + (cell.z ? 4 : 0), 16);
  if (cell.t === 'b') return 5;
  const text = String(cell.v);
  const firstLine = text.split('\n', 1)[0] ?? '';
  return displayWidth(firstLine.length > 200 ? firstLine.slice(0, 200) : firstLine);
}

function buildSheet(sheet: XlsxSheet): XLSX.WorkSheet {
  const { columns, rows } = sheet;
  if (columns.length > XLSX_MAX_COLUMNS) throw new RangeError(`sheet "${sheet.name}" has ${columns.length} columns; Excel allows ${XLSX_MAX_COLUMNS}`);
  if (rows.length + 1 > XLSX_MAX_ROWS) throw new RangeError(`sheet "${sheet.name}" has ${rows.length} rows; Excel allows ${XLSX_MAX_ROWS - 1} below the header — export CSV instead`);
  const data: XLSX.CellObject[][] = new Array(rows.length + 1);
  const widths = columns.map((c) => displayWidth(c));
  const numberFormats = columns.map((c) => {
    const f = sheet.formats?.[c];
    return f === undefined ? undefined : XLSX_NUMBER_FORMATS[f];
  });
  data[0] = columns.map((c) => ({ t: 's', v: cellText(c) }));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const out: XLSX.CellObject[] = [];
    for (let c = 0; c < columns.length; c++) {
      const cell = toCellObject(row[columns[c]!]);
      const z = numberFormats[c];
      if (cell && z !== undefined && cell.t === 'n' && cell.z === undefined) cell.z = z;
      if (cell) out[c] = cell;
      if (r < WIDTH_SAMPLE_ROWS) widths[c] = Math.max(widths[c] ?? 0, cellWidth(cell));
    }
    data[r + 1] = out;
  }
  const lastCol = Math.max(columns.length - 1, 0);
  const ws: XLSX.WorkSheet = {
    '!data': data,
    '!ref': XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length, c: lastCol } }),
    '!cols': widths.map((w) => ({ wch: Math.min(Math.max(w + 2, 6), 60) })),
  };
  // Bold headers need cell styles, which the community build of SheetJS does not write; an
  // autofilter on the header row is the cheap way to make it look (and work) like a header.
  if (columns.length > 0) ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length, c: lastCol } }) };
  return ws;
}

/**
 * Tables as an .xlsx workbook, one sheet each, in order. Numbers are number cells, booleans
 * boolean cells, text string cells (never formulas), `Date` values date-formatted numbers;
 * null/undefined/NaN leave the cell empty. Row 1 holds the column names with an autofilter.
 * Sheet names are made valid and unique with `sanitizeSheetName`; column widths are fitted to
 * the header and the first 2,000 rows. Throws `RangeError` for no sheets or beyond Excel's
 * row/column limits (callers should offer CSV then).
 */
export function toXlsx(sheets: readonly XlsxSheet[]): Uint8Array {
  if (sheets.length === 0) throw new RangeError('toXlsx needs at least one sheet');
  const wb = XLSX.utils.book_new();
  const taken = new Set<string>();
  for (const sheet of sheets) XLSX.utils.book_append_sheet(wb, buildSheet(sheet), sanitizeSheetName(sheet.name, taken));
  const out: unknown = XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST: true, compression: true });
  return new Uint8Array(out as ArrayBuffer);
}
