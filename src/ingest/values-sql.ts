import { str } from '../sql/quote';
import {
  DATE_PATTERN,
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
  const fromParts = `CASE WHEN (p.o = '(') = (p.c = ')') AND NOT (p.o = '(' AND p.s <> '') AND (p.i <> '' OR p.f <> '')
      THEN (CASE WHEN p.s = '-' OR p.o = '(' THEN -1 ELSE 1 END)
        * TRY_CAST(CASE WHEN p.i = '' THEN '0' ELSE replace(p.i, ',', '') END || p.f || p.x AS DOUBLE)
        * (CASE p.u ${units} END) END`;
  const parts = `regexp_extract(t, ${str(NUMBER_PATTERN)}, ['s', 'o', 'i', 'f', 'x', 'c', 'u'])`;
  const body = `CASE WHEN upper(t) IN ${tokens(MISSING_TOKENS)} OR NOT regexp_full_match(t, ${str(NUMBER_PATTERN)}) THEN NULL
    ELSE ${bind(parts, 'p', fromParts)} END`;
  return bind(bind(trimmed(e), 't', body), 'n', 'CASE WHEN isfinite(n) THEN n END');
}

/** VARCHAR → DATE per `parseDateText`. */
export function dateSql(e: string): string {
  const parts = `regexp_extract(t, ${str(DATE_PATTERN)}, ['y', 'm1', 'd1', 'm2', 'd2', 'm3', 'd3'])`;
  const pad = (a: string, b: string, c: string) => `lpad(coalesce(nullif(p.${a}, ''), nullif(p.${b}, ''), p.${c}), 2, '0')`;
  const fromParts = `TRY_CAST(p.y || '-' || ${pad('m1', 'm2', 'm3')} || '-' || ${pad('d1', 'd2', 'd3')} AS DATE)`;
  const body = `CASE WHEN upper(t) IN ${tokens(MISSING_TOKENS)} OR NOT regexp_full_match(t, ${str(DATE_PATTERN)}) THEN NULL
    ELSE ${bind(parts, 'p', fromParts)} END`;
  return bind(trimmed(e), 't', body);
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
  return bind(trimmed(e), 't', body);
}
