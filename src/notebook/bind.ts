/**
 * `$name` parameters in notebook SQL. A reference becomes a bound parameter (`?`) with its value
 * passed separately — values are never pasted into SQL text.
 *
 * The scanner follows DuckDB's (PostgreSQL's) lexical rules closely enough to know what is code:
 * - `'…'` strings (`''` inside), `E'…'` strings (backslash escapes too), `"…"` identifiers
 *   (`""` inside), `-- …` line comments and `/* … *\/` block comments (nested) are skipped;
 * - dollar-quoted strings `$$…$$` and `$tag$…$tag$` are skipped when closed; an unclosed `$$` is
 *   left as it is. `$$` never forms a parameter and is not an escape;
 * - `$1`, `$2`, … (positional parameters) are left alone;
 * - a `$` inside a word (`a$b`, PostgreSQL allows `$` in identifiers) is part of the word;
 * - a bare `?` in code is refused: it would shift the positions of the bound values.
 *
 * Names: a letter (ASCII or any non-ASCII character, as in the SQL lexer) or `_`, then letters,
 * digits or `_`. `$名称` is a valid reference.
 */
import { LocalizedError, said, saidList } from '../i18n/said';

export interface SqlParamRef {
  readonly name: string;
  /** Offset of the `$`. */
  readonly start: number;
  /** Offset just after the name. */
  readonly end: number;
}

export interface BoundSql {
  /** The SQL with every `$name` replaced by `?`. */
  readonly sql: string;
  /** The values, one per `?`, in order. */
  readonly params: unknown[];
  /** The name behind each `?`, in order. */
  readonly names: readonly string[];
}

/** Anything wrong with the parameters of a query; the message (a catalog one) names what. */
export class SqlParamError extends LocalizedError {
  override name = 'SqlParamError';
}

/** `$name` references with no value; `names` lists each unknown name once, in order. */
export class UnknownParamError extends SqlParamError {
  override name = 'UnknownParamError';
  constructor(readonly names: readonly string[]) {
    super(said('sqlUnknownParams', { n: names.length, names: saidList('saidComma', names.map((n) => `$${n}`)) }));
  }
}

const PARAM_NAME_RE = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*$/;

/** Whether `name` can be referenced as `$name` in SQL and `{{name}}` in markdown. */
export function isValidParamName(name: string): boolean {
  return PARAM_NAME_RE.test(name);
}

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 0x80;
}
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
function isNameChar(code: number): boolean {
  return isNameStart(code) || isDigit(code);
}

interface ScanVisitor {
  param?(ref: SqlParamRef): void;
  /** A bare word (keyword or unquoted identifier), or the content of a quoted identifier. */
  word?(word: string, quoted: boolean): void;
  question?(offset: number): void;
}

/** End offset of a `'…'` string starting at `i` (the quote). Unclosed: end of text. */
function skipString(sql: string, i: number, backslash: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    const c = sql[j];
    if (backslash && c === '\\') j += 2;
    else if (c === "'") {
      if (sql[j + 1] === "'") j += 2;
      else return j + 1;
    } else j++;
  }
  return sql.length;
}

function scanSql(sql: string, visit: ScanVisitor): void {
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i + 2);
      i = eol < 0 ? n : eol;
    } else if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === "'") {
      i = skipString(sql, i, false);
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      while (j < n) {
        if (sql[j] === '"') {
          if (sql[j + 1] === '"') {
            text += '"';
            j += 2;
          } else break;
        } else text += sql[j++];
      }
      visit.word?.(text, true);
      i = Math.min(j + 1, n);
    } else if (c === '$') {
      const code = sql.charCodeAt(i + 1);
      if (next === '$') {
        const close = sql.indexOf('$$', i + 2);
        i = close < 0 ? i + 2 : close + 2;
      } else if (isDigit(code)) {
        let j = i + 1;
        while (j < n && isDigit(sql.charCodeAt(j))) j++;
        i = j;
      } else if (isNameStart(code)) {
        let j = i + 1;
        while (j < n && isNameChar(sql.charCodeAt(j))) j++;
        const name = sql.slice(i + 1, j);
        if (sql[j] === '$') {
          // `$tag$…$tag$` when closed; otherwise `$name` followed by a `$`.
          const tag = sql.slice(i, j + 1);
          const close = sql.indexOf(tag, j + 1);
          if (close >= 0) {
            i = close + tag.length;
            continue;
          }
        }
        visit.param?.({ name, start: i, end: j });
        i = j;
      } else i++;
    } else if (c === '?') {
      visit.question?.(i);
      i++;
    } else if (isNameStart(c.charCodeAt(0)) || isDigit(c.charCodeAt(0))) {
      let j = i + 1;
      while (j < n && (isNameChar(sql.charCodeAt(j)) || sql[j] === '$')) j++;
      const word = sql.slice(i, j);
      if ((word === 'e' || word === 'E') && sql[j] === "'") {
        i = skipString(sql, j, true);
      } else {
        if (!isDigit(c.charCodeAt(0))) visit.word?.(word, false);
        i = j;
      }
    } else i++;
  }
}

/** Every `$name` reference in code, in order (repeats included). */
export function findSqlParams(sql: string): SqlParamRef[] {
  const refs: SqlParamRef[] = [];
  scanSql(sql, { param: (r) => refs.push(r) });
  return refs;
}

/** The distinct names referenced as `$name`, in order of first use. */
export function sqlParamNames(sql: string): string[] {
  return [...new Set(findSqlParams(sql).map((r) => r.name))];
}

/**
 * The identifiers (unquoted words, lower-cased, and quoted identifiers as written) used in code —
 * keywords included. Used to see which tables a query may read.
 */
export function sqlWords(sql: string): Set<string> {
  const words = new Set<string>();
  scanSql(sql, { word: (w, quoted) => words.add(quoted ? w : w.toLowerCase()) });
  return words;
}

/**
 * Replaces each `$name` in code with `?` and returns the values in order. Throws
 * `UnknownParamError` naming every name without a value (own properties of `values` only), and
 * `SqlParamError` for a bare `?`.
 */
export function bindParams(sql: string, values: Readonly<Record<string, unknown>>): BoundSql {
  const refs: SqlParamRef[] = [];
  let question: number | undefined;
  scanSql(sql, { param: (r) => refs.push(r), question: (at) => (question ??= at) });
  if (question !== undefined) {
    throw new SqlParamError(said('sqlBareQuestion', { offset: question }));
  }
  const unknown = [...new Set(refs.filter((r) => !Object.hasOwn(values, r.name)).map((r) => r.name))];
  if (unknown.length > 0) throw new UnknownParamError(unknown);
  let out = '';
  let last = 0;
  for (const r of refs) {
    out += sql.slice(last, r.start) + '?';
    last = r.end;
  }
  out += sql.slice(last);
  return { sql: out, params: refs.map((r) => values[r.name]), names: refs.map((r) => r.name) };
}

const TEMPLATE_RE = /\{\{\s*([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)\s*\}\}/g;

/** The distinct names referenced as `{{name}}` in markdown, in order of first use. */
export function templateNames(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(TEMPLATE_RE), (m) => m[1]!))];
}

/**
 * Replaces `{{name}}` with the value of `name` for display; names without a value are left as
 * written. `format` turns a value into text (default: `String`, with null as empty).
 */
export function interpolate(
  text: string,
  values: Readonly<Record<string, unknown>>,
  format: (value: unknown) => string = (v) => (v === null || v === undefined ? '' : String(v)),
): string {
  return text.replace(TEMPLATE_RE, (whole, name: string) => (Object.hasOwn(values, name) ? format(values[name]) : whole));
}
