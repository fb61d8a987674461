/**
 * How cell text becomes a number, date or flag — once in TypeScript (the reference, unit-tested
 * and used for JS-side sources) and once as SQL (used on whole columns inside DuckDB).
 * The engine tests run both on the same table of cases and require identical answers.
 *
 * Three outcomes, never a silent zero: a value, `missing` (an agreed "no value" token), or
 * `invalid` (text that is not a value of that kind; reported with file, line and column).
 */

export type Parsed<T> = { kind: 'value'; value: T } | { kind: 'missing' } | { kind: 'invalid' };

/** Tokens that mean "no value" in bank and Excel extracts (compared trimmed, upper-cased). */
export const MISSING_TOKENS: readonly string[] = ['', '-', '--', '—', '/', 'N/A', 'NA', '#N/A', 'NULL', 'NONE', 'NAN'];

export const UNIT_MULTIPLIERS: Readonly<Record<string, number>> = {
  '': 1,
  元: 1,
  千元: 1e3,
  万: 1e4,
  万元: 1e4,
  亿: 1e8,
  亿元: 1e8,
  '%': 0.01,
};

/**
 * One number: optional sign, optional accounting parentheses, optional ¥, digits with
 * optional thousands commas (groups of three only), decimals, exponent (Excel writes 1.2E+07),
 * and a unit suffix (万, 亿, 元, %…), inside or outside the parentheses — `(5万)` or `(5)万`.
 * Groups: 1 sign, 2 "(", 3 integer part, 4 fraction, 5 exponent, 6 unit inside, 7 ")", 8 unit.
 */
export const NUMBER_PATTERN =
  '^([+-]?)(\\(?)[¥￥]?((?:[0-9]{1,3}(?:,[0-9]{3})+)|[0-9]*)(\\.[0-9]*)?([eE][+-]?[0-9]+)?(千元|万元|亿元|万|亿|元|%)?(\\)?)(千元|万元|亿元|万|亿|元|%)?$';
const NUMBER_RE = new RegExp(NUMBER_PATTERN);

/**
 * What counts as surrounding white space, spelled out so SQL (RE2) and JS agree: ASCII space
 * and controls, no-break space, the ideographic (full-width) space and a stray BOM.
 */
export const WHITESPACE_CLASS = '[ \t\r\n\f\v\u00a0\u3000\ufeff]';
const TRIM_RE = new RegExp(`^${WHITESPACE_CLASS}+|${WHITESPACE_CLASS}+$`, 'g');

/** Trims the white space listed in `WHITESPACE_CLASS` (and only that). */
export function trimCell(text: string): string {
  return text.replace(TRIM_RE, '');
}

function isMissingText(text: string): boolean {
  return MISSING_TOKENS.includes(trimCell(text).toUpperCase());
}

/** Parses a number as written in Chinese financial extracts: `1,234.56`, `12.3万`, `(1,000)`. */
export function parseNumberText(raw: string | null | undefined): Parsed<number> {
  if (raw === null || raw === undefined || isMissingText(raw)) return { kind: 'missing' };
  const m = NUMBER_RE.exec(trimCell(raw));
  if (!m) return { kind: 'invalid' };
  const [, sign = '', open = '', int = '', frac = '', exp = '', inner = '', close = '', outer = ''] = m;
  if (open !== close.replace(')', '(') || (open && sign) || (inner && outer)) return { kind: 'invalid' };
  const unit = inner || outer;
  // Digits are required somewhere: `.` alone or `¥` alone is not a number; `5.` is (Excel, DuckDB).
  if (int === '' && frac.length <= 1) return { kind: 'invalid' };
  const magnitude = Number(`${int.replaceAll(',', '') || '0'}${frac}${exp}`) * (UNIT_MULTIPLIERS[unit] ?? NaN);
  if (!Number.isFinite(magnitude)) return { kind: 'invalid' };
  const negative = sign === '-' || open === '(';
  return { kind: 'value', value: negative ? -magnitude : magnitude };
}

/**
 * Dates: 2025-01-31, 2025/1/31, 2025.1.31, 20250131, 2025年1月31日, optionally followed by a
 * time (dropped). Groups: 1 year, 2 month, 3 day.
 */
export const DATE_PATTERN =
  '^([12][0-9]{3})(?:[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})|([0-9]{2})([0-9]{2})|年([0-9]{1,2})月([0-9]{1,2})日?)(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?)?$';
const DATE_RE = new RegExp(DATE_PATTERN);

/**
 * An Excel serial day number (what a date cell becomes when a sheet is saved as CSV without its
 * format): five digits, 20000–79999, i.e. 1954–2118. Counted from 1899-12-30 (Excel's 1900
 * system after its phantom 1900-02-29), as Excel and LibreOffice do.
 */
export const EXCEL_SERIAL_PATTERN = '^[2-7][0-9]{4}$';
const EXCEL_SERIAL_RE = new RegExp(EXCEL_SERIAL_PATTERN);

/**
 * Parses a calendar date; returns ISO `YYYY-MM-DD`. Impossible dates (02-30) are invalid.
 * With `serial`, Excel serial numbers are dates too (only for columns known to hold dates).
 */
export function parseDateText(raw: string | null | undefined, options: { serial?: boolean } = {}): Parsed<string> {
  if (raw === null || raw === undefined || isMissingText(raw)) return { kind: 'missing' };
  const text = trimCell(raw);
  if (options.serial && EXCEL_SERIAL_RE.test(text)) {
    const d = new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000);
    return { kind: 'value', value: isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) };
  }
  const m = DATE_RE.exec(text);
  if (!m) return { kind: 'invalid' };
  const year = Number(m[1]);
  const month = Number(m[2] ?? m[4] ?? m[6]);
  const day = Number(m[3] ?? m[5] ?? m[7]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return { kind: 'invalid' };
  return { kind: 'value', value: isoDate(year, month, day) };
}

/** Months: 2025-01, 2025/1, 202501, 2025年1月. Groups: 1 year, then the month in 2, 3 or 4. */
export const MONTH_PATTERN = '^([12][0-9]{3})(?:[-/.]([0-9]{1,2})|(0[1-9]|1[0-2])|年([0-9]{1,2})月?)$';
const MONTH_RE = new RegExp(MONTH_PATTERN);

/** Parses a month; returns `YYYY-MM`. */
export function parseMonthText(raw: string | null | undefined): Parsed<string> {
  if (raw === null || raw === undefined || isMissingText(raw)) return { kind: 'missing' };
  const m = MONTH_RE.exec(trimCell(raw));
  if (!m) return { kind: 'invalid' };
  const month = Number(m[2] ?? m[3] ?? m[4]);
  if (month < 1 || month > 12) return { kind: 'invalid' };
  return { kind: 'value', value: `${m[1]}-${String(month).padStart(2, '0')}` };
}

export const TRUE_TOKENS: readonly string[] = ['是', 'Y', 'YES', 'TRUE', 'T', '1', '有'];
export const FALSE_TOKENS: readonly string[] = ['否', 'N', 'NO', 'FALSE', 'F', '0', '无'];

/** Parses a yes/no flag: 是/否, Y/N, true/false, 1/0, 有/无. */
export function parseFlagText(raw: string | null | undefined): Parsed<boolean> {
  if (raw === null || raw === undefined || isMissingText(raw)) return { kind: 'missing' };
  const t = trimCell(raw).toUpperCase();
  if (TRUE_TOKENS.includes(t)) return { kind: 'value', value: true };
  if (FALSE_TOKENS.includes(t)) return { kind: 'value', value: false };
  return { kind: 'invalid' };
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
