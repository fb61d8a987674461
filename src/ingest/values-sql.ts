import { str } from '../sql/quote';
import {
  DATE_PATTERN,
  EXCEL_SERIAL_PATTERN,
  FALSE_TOKENS,
  MISSING_TOKENS,
  MONTH_PATTERN,
  NUMBER_PATTERN,
  TRUE_TOKENS,
  UNIT_MULTIPLIERS,
  WHITESPACE_CLASS,
} from './values';

/**
 * The SQL twins of the parsers in `values.ts`, built from the same patterns and token lists.
 * Each takes a SQL expression of type VARCHAR (already quoted by the caller) and returns a SQL
 * expression: the parsed value, or NULL when the cell is missing or invalid. `isMissingSql`
 * tells the two NULLs apart, so invalid cells can be counted and reported, never hidden.
 *
 * `list_transform([x], t -> …)[1]` binds a sub-expression once (a SQL `let`), so the trim and the
 * regex run once per cell rather than once per use.
 */

const tokens = (list: readonly string[]) => `(${list.map(str).join(', ')})`;
const trimmed = (e: string) =>
  `regexp_replace(${e}, ${str(`^${WHITESPACE_CLASS}+|${WHITESPACE_CLASS}+$`)}, '', 'g')`;
const bind = (e: string, name: string, body: string) => `list_transform([${e}], ${name} -> ${body})[1]`;

/** TRUE when the cell is NULL or one of the agreed "no value" tokens. */
export function isMissingSql(e: string): string {
  return `(${e} IS NULL OR upper(${trimmed(e)}) IN ${tokens(MISSING_TOKENS)})`;
}

/** VARCHAR → DOUBLE per `parseNumberText`. */
export function numberSql(e: string): string {
  const units = Object.entries(UNIT_MULTIPLIERS)
    .map(([u, m]) => `WHEN ${str(u)} THEN ${m}`)
    .join(' ');
  const fromParts = `CASE WHEN (p.o = '(') = (p.c = ')') AND NOT (p.o = '(' AND p.s <> '') AND NOT (p.ui <> '' AND p.u <> '') AND (p.i <> '' OR length(p.f) > 1)
      THEN (CASE WHEN p.s = '-' OR p.o = '(' THEN -1 ELSE 1 END)
        * TRY_CAST(CASE WHEN p.i = '' THEN '0' ELSE replace(p.i, ',', '') END || p.f || p.x AS DOUBLE)
        * (CASE p.ui || p.u ${units} END) END`;
  const parts = `regexp_extract(t, ${str(NUMBER_PATTERN)}, ['s', 'o', 'i', 'f', 'x', 'ui', 'c', 'u'])`;
  const body = `CASE WHEN upper(t) IN ${tokens(MISSING_TOKENS)} OR NOT regexp_full_match(t, ${str(NUMBER_PATTERN)}) THEN NULL
    ELSE ${bind(parts, 'p', fromParts)} END`;
  const slow = bind(bind(trimmed(e), 't', body), 'n', 'CASE WHEN isfinite(n) THEN n END');
  return numberFast(e, slow);
}

/** The fast paths of {@link numberSql}, with `rest` for every cell they do not take. */
function numberFast(e: string, rest: string): string {
  // Fast path for plain numbers (most cells): DuckDB's own cast, which agrees with the grammar
  // on everything it accepts except `_` digit separators (excluded) and non-finite values.
  // (TRY_CAST twice is cheaper than binding it through a lambda.)
  const fast = `TRY_CAST(${e} AS DOUBLE)`;
  // Second fast path: Excel's thousands separators (`"1,234,567.89"`), checked by one small
  // regex. Tested first when a comma is present: a failing cast is slow in WASM (it unwinds).
  const grouped = `regexp_full_match(${e}, ${str('-?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]*)?')})`;
  return `(CASE WHEN contains(${e}, ',') THEN (CASE WHEN ${grouped} THEN TRY_CAST(replace(${e}, ',', '') AS DOUBLE) ELSE ${rest} END)
    WHEN isfinite(${fast}) AND NOT contains(${e}, '_') THEN ${fast} ELSE ${rest} END)`;
}

/** The conversions that have a fast path. */
export type FastPathType = 'number' | 'date' | 'excel-date' | 'flag';

/**
 * Only the fast paths of {@link numberSql}, {@link dateSql} and {@link flagSql}: NULL where they
 * would fall back to the full grammar, and otherwise exactly the full expression's value. Typing
 * runs these over every cell and the full expression only over the cells left NULL (see
 * typing.ts for why).
 */
export function fastPathSql(e: string, type: FastPathType): string {
  switch (type) {
    case 'number':
      return numberFast(e, 'NULL');
    case 'date':
    case 'excel-date':
      return dateFast(e);
    case 'flag':
      return flagExact(e);
  }
}

/** VARCHAR → DATE per `parseDateText` (with `serial`: Excel serial numbers too). */
export function dateSql(e: string, options: { serial?: boolean } = {}): string {
  const parts = `regexp_extract(t, ${str(DATE_PATTERN)}, ['y', 'm1', 'd1', 'm2', 'd2', 'm3', 'd3'])`;
  const pad = (a: string, b: string, c: string) => `lpad(coalesce(nullif(p.${a}, ''), nullif(p.${b}, ''), p.${c}), 2, '0')`;
  const fromParts = `TRY_CAST(p.y || '-' || ${pad('m1', 'm2', 'm3')} || '-' || ${pad('d1', 'd2', 'd3')} AS DATE)`;
  const serial = options.serial ? `WHEN regexp_full_match(t, ${str(EXCEL_SERIAL_PATTERN)}) THEN CAST(DATE '1899-12-30' + CAST(t AS INTEGER) AS DATE) ` : '';
  const body = `CASE ${serial}WHEN upper(t) IN ${tokens(MISSING_TOKENS)} OR NOT regexp_full_match(t, ${str(DATE_PATTERN)}) THEN NULL
    ELSE ${bind(parts, 'p', fromParts)} END`;
  const slow = bind(trimmed(e), 't', body);
  // Fast path: DuckDB's date cast for short texts starting with the century digit (the
  // grammar's years are 1xxx/2xxx); anything it does not take goes through the full grammar.
  return `coalesce(${dateFast(e)}, ${slow})`;
}

function dateFast(e: string): string {
  return `CASE WHEN length(${e}) <= 10 AND ${e}[1] IN ('1', '2') THEN TRY_CAST(${e} AS DATE) END`;
}

/** VARCHAR → 'YYYY-MM' per `parseMonthText`. */
export function monthSql(e: string): string {
  const parts = `regexp_extract(t, ${str(MONTH_PATTERN)}, ['y', 'm1', 'm2', 'm3'])`;
  const fromParts = `list_transform([TRY_CAST(coalesce(nullif(p.m1, ''), nullif(p.m2, ''), p.m3) AS INTEGER)], m ->
      CASE WHEN m BETWEEN 1 AND 12 THEN p.y || '-' || lpad(m::VARCHAR, 2, '0') END)[1]`;
  const body = `CASE WHEN upper(t) IN ${tokens(MISSING_TOKENS)} OR NOT regexp_full_match(t, ${str(MONTH_PATTERN)}) THEN NULL
    ELSE ${bind(parts, 'p', fromParts)} END`;
  return bind(trimmed(e), 't', body);
}

/** VARCHAR → BOOLEAN per `parseFlagText`. */
export function flagSql(e: string): string {
  const body = `CASE WHEN upper(t) IN ${tokens(TRUE_TOKENS)} THEN true WHEN upper(t) IN ${tokens(FALSE_TOKENS)} THEN false END`;
  // Fast path: the exact tokens as written (no white space to trim), then the full rule.
  return `coalesce(${flagExact(e)}, ${bind(trimmed(e), 't', body)})`;
}

function flagExact(e: string): string {
  return `CASE WHEN ${e} IN ${tokens([...TRUE_TOKENS, ...TRUE_TOKENS.map((t) => t.toLowerCase())])} THEN true WHEN ${e} IN ${tokens([...FALSE_TOKENS, ...FALSE_TOKENS.map((t) => t.toLowerCase())])} THEN false END`;
}
