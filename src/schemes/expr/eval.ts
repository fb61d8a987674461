import { ExprError, typeName, type Expr, type ExprWhat } from './ast';
import { said, saidList } from '../../i18n/said';

/*
 * The TypeScript reference semantics of the language. `exprToSql` must give the same answer
 * on DuckDB for every row (test/engine/expr-sql.test.ts checks both engines against this).
 * Rules: SQL three-valued logic; numbers are IEEE doubles as in DuckDB with its default
 * `ieee_floating_point_ops` (overflow gives ±Infinity, ∞−∞ gives NaN) except that x / 0 is
 * NULL; NaN orders like DuckDB's (equal to itself, above every other number).
 * Unlike SQL there are no implicit casts: mixing types is an `ExprError`. Every operand is
 * evaluated (no short-circuit), so a type slip does not hide behind a false `and`; `checkExpr`
 * catches them all before any data is seen.
 */

/**
 * A calendar date, `YYYY-MM-DD` (years 0001–9999, no time, no zone). An object rather than a
 * string or a JS `Date`, so a date can never be confused with text or shifted by a time zone.
 */
export interface DateValue {
  readonly date: string;
}

/** A value of the language: number (double), string, boolean, date, or SQL NULL. */
export type Value = number | string | boolean | DateValue | null;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number since 1970-01-01, or undefined when `iso` is not a real calendar date. */
function epochDay(iso: string): number | undefined {
  const m = ISO_DATE.exec(iso);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d); // setUTCFullYear, unlike Date.UTC, does not remap years 0–99
  if (y < 1 || t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return Math.round(t.getTime() / 86_400_000);
}

/** Makes a `DateValue`, refusing anything that is not a real `YYYY-MM-DD` date. */
export function dateValue(iso: string): DateValue {
  if (epochDay(iso) === undefined) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  return { date: iso };
}

export function isDateValue(v: unknown): v is DateValue {
  return typeof v === 'object' && v !== null && typeof (v as DateValue).date === 'string' && epochDay((v as DateValue).date) !== undefined;
}

type Kind = 'number' | 'string' | 'boolean' | 'date' | 'null';

function kindOf(v: Value): Kind {
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return typeof v as Kind;
  return 'date';
}

/** UTF-8 byte order, as DuckDB compares VARCHAR; JS `<` compares UTF-16 units, which differs above U+D7FF. */
function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral characters) belong above U+E000–U+FFFF in code point order.
    if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000;
    if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

/** DuckDB's total order on doubles: NaN equals NaN and is above everything. */
function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number(Number.isNaN(a)) - Number(Number.isNaN(b));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders two non-null values of one type; mixing types is an error at `pos`. */
function compare(a: Exclude<Value, null>, b: Exclude<Value, null>, pos: number, what: ExprWhat): number {
  const [ka, kb] = [kindOf(a), kindOf(b)];
  if (ka !== kb) throw new ExprError(said('exprCannotCompare', { what, a: typeName(ka), b: typeName(kb) }), pos);
  if (typeof a === 'number') return compareNumbers(a, b as number);
  if (typeof a === 'string') return compareStrings(a, b as string);
  if (typeof a === 'boolean') return Number(a) - Number(b as boolean);
  return compareStrings(a.date, (b as DateValue).date);
}

/** Checks an operand's type (NULL passes: it is a value of every type). */
function need(v: Value, kind: 'number', pos: number, what: ExprWhat): number | null;
function need(v: Value, kind: 'boolean', pos: number, what: ExprWhat): boolean | null;
function need(v: Value, kind: 'date', pos: number, what: ExprWhat): DateValue | null;
function need(v: Value, kind: Kind, pos: number, what: ExprWhat): Value {
  if (v !== null && kindOf(v) !== kind) throw new ExprError(said('exprNeeds', { what, want: typeName(kind), got: typeName(kindOf(v)) }), pos);
  return v;
}

/** Branches that may be chosen (if, match, coalesce) must agree on a type, as a SQL CASE must. */
function sameKind(values: readonly Value[], pos: number, what: ExprWhat): void {
  const kinds = new Set(values.map(kindOf).filter((k) => k !== 'null'));
  if (kinds.size > 1) throw new ExprError(said('exprMixes', { what, types: saidList('saidAnd', [...kinds].map(typeName)) }), pos);
}

/** `std::round`: half away from zero (JS Math.round rounds half up). */
const roundHalfAway = (x: number) => (x < 0 ? -Math.round(-x) : Math.round(x));

/** DuckDB's `round(DOUBLE, INTEGER)`, operation for operation, so results agree to the last bit. */
function roundLikeDuckDB(x: number, digits: number): number {
  if (digits < 0) {
    const m = 10 ** -digits;
    const r = roundHalfAway(x / m) * m;
    return Number.isFinite(r) ? r : 0;
  }
  const m = 10 ** digits;
  const r = roundHalfAway(x * m) / m;
  return Number.isFinite(r) ? r : x;
}

/**
 * Whole months from `a` to `b`: calendar months, minus one when b's day of month is before
 * a's (2025-06-30→2025-12-31 = 6, 2025-07-31→2025-12-31 = 5). Negative when b < a.
 */
function wholeMonths(a: string, b: string): number {
  const [ya, ma, da] = a.split('-').map(Number) as [number, number, number];
  const [yb, mb, db] = b.split('-').map(Number) as [number, number, number];
  return (yb - ya) * 12 + (mb - ma) - (db < da ? 1 : 0);
}

/**
 * Evaluates `expr` for one row. `lookup` gives the value of each ref (a field, a derived name,
 * `as_of`); it must return a `Value` (dates as `DateValue`). Throws `ExprError` on type errors.
 */
export function evalExpr(expr: Expr, lookup: (name: string) => Value): Value {
  const ev = (e: Expr): Value => evalExpr(e, lookup);
  switch (expr.kind) {
    case 'number':
    case 'string':
    case 'boolean':
      return expr.value;
    case 'null':
      return null;
    case 'ref': {
      const v = lookup(expr.name);
      const ok = v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || isDateValue(v);
      if (!ok) throw new ExprError(said('exprUnsupportedValue', { name: expr.name, value: String(v) }), expr.pos);
      return v;
    }
    case 'unary': {
      const v = ev(expr.arg);
      if (expr.op === '-') {
        const n = need(v, 'number', expr.pos, said('exprUnaryMinus'));
        return n === null ? null : -n;
      }
      const b = need(v, 'boolean', expr.pos, '"not"');
      return b === null ? null : !b;
    }
    case 'binary':
      return evalBinary(expr.op, ev(expr.left), ev(expr.right), expr.pos);
    case 'in': {
      // SQL: true if any item equals; else NULL if x or any item is NULL; else false.
      const x = ev(expr.value);
      const items = expr.items.map(ev);
      const what = expr.negated ? '"not in"' : '"in"';
      let sawNull = x === null;
      let found = false;
      for (const item of items) {
        if (item === null) sawNull = true;
        else if (x !== null && compare(x, item, expr.pos, what) === 0) found = true;
      }
      const r = found ? true : sawNull ? null : false;
      return expr.negated && r !== null ? !r : r;
    }
    case 'call':
      return evalCall(expr.fn, expr.args.map(ev), expr.pos);
  }
}

function evalBinary(op: Extract<Expr, { kind: 'binary' }>['op'], l: Value, r: Value, pos: number): Value {
  const what = `"${op}"`;
  switch (op) {
    case 'and':
    case 'or': {
      const a = need(l, 'boolean', pos, what);
      const b = need(r, 'boolean', pos, what);
      const dominant = op === 'or'; // true decides `or`, false decides `and`, whatever the other side
      if (a === dominant || b === dominant) return dominant;
      return a === null || b === null ? null : !dominant;
    }
    case '+':
    case '-':
    case '*':
    case '/': {
      const a = need(l, 'number', pos, what);
      const b = need(r, 'number', pos, what);
      if (a === null || b === null) return null;
      if (op === '+') return a + b;
      if (op === '-') return a - b;
      if (op === '*') return a * b;
      return b === 0 ? null : a / b;
    }
    default: {
      if (l === null || r === null) return null;
      const c = compare(l, r, pos, what);
      return { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '=': c === 0, '!=': c !== 0 }[op];
    }
  }
}

function evalCall(fn: Extract<Expr, { kind: 'call' }>['fn'], args: Value[], pos: number): Value {
  const what = `${fn}()`;
  const arg = (i: number): Value => args[i] ?? null;
  const date = (i: number) => need(arg(i), 'date', pos, what)?.date ?? null;
  const number = (i: number) => need(arg(i), 'number', pos, what);
  switch (fn) {
    case 'min':
    case 'max': {
      // Unlike DuckDB's least/greatest, any NULL makes the result NULL: a missing input must not vanish.
      if (args.some((v) => v === null)) return null;
      const sign = fn === 'min' ? -1 : 1;
      return args.reduce((best, v) => (compare(v!, best!, pos, what) * sign > 0 ? v : best));
    }
    case 'clamp': {
      const [x, lo, hi] = [number(0), number(1), number(2)];
      if (x === null || lo === null || hi === null) return null;
      const low = compareNumbers(x, lo) >= 0 ? x : lo;
      return compareNumbers(low, hi) <= 0 ? low : hi;
    }
    case 'abs': {
      const x = number(0);
      return x === null ? null : Math.abs(x);
    }
    case 'round': {
      const x = number(0);
      return x === null ? null : roundLikeDuckDB(x, (arg(1) as number | null) ?? 0);
    }
    case 'coalesce':
      sameKind(args, pos, what);
      return args.find((v) => v !== null) ?? null;
    case 'is_null':
      return arg(0) === null;
    case 'if': {
      const cond = need(arg(0), 'boolean', pos, what);
      sameKind(args.slice(1), pos, what);
      return cond === true ? arg(1) : arg(2);
    }
    case 'match': {
      const x = arg(0);
      const last = args.length - 1; // the default
      const values = args.filter((_, i) => (i > 0 && i % 2 === 0) || i === last);
      sameKind(values, pos, what);
      for (let i = 1; i + 1 < args.length; i += 2) {
        const key = arg(i);
        if (x !== null && key !== null && compare(x, key, pos, what) === 0) return arg(i + 1);
      }
      return arg(last);
    }
    case 'days_between': {
      const [a, b] = [date(0), date(1)];
      return a === null || b === null ? null : epochDay(b)! - epochDay(a)!;
    }
    case 'whole_months': {
      const [a, b] = [date(0), date(1)];
      return a === null || b === null ? null : wholeMonths(a, b);
    }
    case 'year':
    case 'month': {
      const d = date(0);
      return d === null ? null : Number(d.slice(fn === 'year' ? 0 : 5, fn === 'year' ? 4 : 7));
    }
  }
}
