import { describe, expect, test } from 'vitest';
import {
  ExprError,
  FUNCTIONS,
  checkExpr,
  compileExpr,
  dateValue,
  evalExpr,
  formatExpr,
  parseExpr,
  refsOf,
  type Expr,
  type ExprType,
  type Value,
} from '../../src/schemes/expr';
import { ident } from '../../src/sql/quote';

const fmt = (src: string) => formatExpr(parseExpr(src));
const d = dateValue;

/** Drops positions, to compare trees that came from different text. */
function shape(e: Expr): unknown {
  return JSON.parse(JSON.stringify(e, (k, v) => (k === 'pos' ? undefined : v)));
}

describe('parse: precedence and forms', () => {
  test.each([
    ['a + b * c', '(a + (b * c))'],
    ['a * b + c', '((a * b) + c)'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b / c', '((a / b) / c)'],
    ['-a * b', '((-a) * b)'],
    ['- -a', '(-(-a))'],
    ['-(a + b)', '(-(a + b))'],
    ['a + b < c * d', '((a + b) < (c * d))'],
    ['a or b and c', '(a or (b and c))'],
    ['a and b or c', '((a and b) or c)'],
    ['not a and b', '((not a) and b)'],
    ['not a = b', '(not (a = b))'],
    ['not not a', '(not (not a))'],
    ['a = b or c != d', '((a = b) or (c != d))'],
    ['a == b', '(a = b)'],
    ['a <> b', '(a != b)'],
    ['a <= b', '(a <= b)'],
    ['a >= -1', '(a >= (-1))'],
    ['x in (1, 2)', '(x in (1, 2))'],
    ['x NOT IN (1)', '(x not in (1))'],
    ['a + 1 in (2) and b', '(((a + 1) in (2)) and b)'],
    ['not x in (1)', '(not (x in (1)))'],
    ['TRUE or False and NULL', '(true or (false and null))'],
    ['min(a, b + 1, 3)', 'min(a, (b + 1), 3)'],
    ['MIN(a, b)', 'min(a, b)'],
    ['year', 'year'],
    ['`月日均AUM` * 2', '(`月日均AUM` * 2)'],
    ['`and` + `a``b`', '(`and` + `a``b`)'],
    ["'it''s'", "'it''s'"],
    ['"say ""hi"""', '\'say "hi"\''],
    ["''", "''"],
    ['1.5 + .5 + 1e6 + 2E-3 + 7. + 1.5e+2', '(((((1.5 + 0.5) + 1000000) + 0.002) + 7) + 150)'],
    ['  a\n+\tb ', '(a + b)'],
    ['round(x, -2)', 'round(x, (-2))'],
  ])('%s', (src, want) => {
    expect(fmt(src)).toBe(want);
  });

  test.each([
    '80 * min(annual_sales / 10000000, 1)',
    "match(credit_level, 'AAA', 40, 'AA', 32, 'A', 24, 'BBB', 16, 'BB', 8, 'B', 0, 0)",
    "defaulted or loan_class in ('可疑', '损失', 'doubtful', 'loss')",
    'closed or days_between(last_txn_date, as_of) >= 365',
    '- - -1e21 / `a b`',
  ])('formatExpr round-trips: %s', (src) => {
    const e = parseExpr(src);
    expect(shape(parseExpr(formatExpr(e)))).toEqual(shape(e));
  });

  test('positions point at the operator, keyword or name', () => {
    const e = parseExpr('a  + foo_b');
    expect(e).toMatchObject({ kind: 'binary', pos: 3, left: { pos: 0 }, right: { kind: 'ref', name: 'foo_b', pos: 5 } });
    expect(parseExpr('x in (1)')).toMatchObject({ kind: 'in', pos: 2 });
  });

  test('refsOf: distinct, in order', () => {
    expect(refsOf(parseExpr('b + a * b + min(c, a) + `月` + if(x, 1, 2)'))).toEqual(['b', 'a', 'c', '月', 'x']);
    expect(refsOf(parseExpr('1 + 2'))).toEqual([]);
  });
});

describe('parse: errors carry a position', () => {
  test.each([
    ['', 'unexpected end of expression at 0'],
    ['a +', 'unexpected end of expression at 3'],
    ['(a + b))', 'unexpected ")" at 7'],
    ['min(a, b) + (c', 'unexpected end of expression at 14'],
    ['1 + (2 * 3))', 'unexpected ")" at 11'],
    ['foo(1)', 'unknown function "foo" at 0'],
    ['a + Foo(1)', 'unknown function "Foo" at 4'],
    ['a b', 'unexpected "b" at 2'],
    ['a < b < c', 'comparisons cannot be chained; combine them with "and" at 6'],
    ['a = b in (1)', 'comparisons cannot be chained; combine them with "and" at 6'],
    ['x in ()', '"in" needs at least one value at 2'],
    ['x in 1', 'unexpected "1" at 5'],
    ['x not 1', 'unexpected "not" at 2'],
    ['min(a,)', 'unexpected ")" at 6'],
    ['min(a b)', 'unexpected "b" at 6'],
    ["'abc", 'unterminated string at 0'],
    ['a = "x""', 'unterminated string at 4'],
    ['`abc', 'unterminated backquoted name at 0'],
    ['``', 'empty name in backquotes at 0'],
    ['1e', 'malformed number "1e" at 0'],
    ['1.2.3', 'malformed number "1.2.3" at 0'],
    ['2abc', 'malformed number "2abc" at 0'],
    ['1e999', 'number out of range "1e999" at 0'],
    ['a # b', 'unexpected character "#" at 2'],
    ['a.b', 'unexpected character "." at 1'],
    ['min（a, b)', 'unexpected character "（" (full-width punctuation; use the ASCII character) at 3'],
    ['月日均 > 1', 'unexpected character "月" (write non-ASCII names in backquotes, e.g. `月日均AUM`) at 0'],
    ['and', 'unexpected "and" at 0'],
    ['a = not b', 'unexpected "not" at 4'],
    ['`min`(1, 2)', 'unexpected "(" at 5'],
    ['round(x, 2.5)', 'round() digits must be a whole number from -15 to 15 at 9'],
    ['round(x, d)', 'round() digits must be a whole number from -15 to 15 at 9'],
    ['round(x, 16)', 'round() digits must be a whole number from -15 to 15 at 9'],
    ['('.repeat(101) + '1' + ')'.repeat(101), 'expression nested too deeply at 100'],
  ])('%j → %s', (src, message) => {
    let error: unknown;
    try {
      parseExpr(src);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExprError);
    expect((error as ExprError).message).toBe(message);
    expect((error as ExprError).position).toBe(Number(/ at (\d+)$/.exec(message)![1]));
  });

  // Every function, one argument too few and one too many (where there is a limit).
  const arity: [string, number, string][] = [
    ['min', 1, 'min() takes at least 2 arguments, got 1'],
    ['max', 1, 'max() takes at least 2 arguments, got 1'],
    ['clamp', 2, 'clamp() takes exactly 3 arguments, got 2'],
    ['clamp', 4, 'clamp() takes exactly 3 arguments, got 4'],
    ['abs', 0, 'abs() takes exactly 1 argument, got 0'],
    ['abs', 2, 'abs() takes exactly 1 argument, got 2'],
    ['round', 0, 'round() takes 1 to 2 arguments, got 0'],
    ['round', 3, 'round() takes 1 to 2 arguments, got 3'],
    ['coalesce', 0, 'coalesce() takes at least 1 argument, got 0'],
    ['is_null', 2, 'is_null() takes exactly 1 argument, got 2'],
    ['if', 2, 'if() takes exactly 3 arguments, got 2'],
    ['if', 4, 'if() takes exactly 3 arguments, got 4'],
    ['match', 2, 'match() needs an even number of arguments ≥ 4 (value, key/result pairs, default), got 2'],
    ['match', 3, 'match() needs an even number of arguments ≥ 4 (value, key/result pairs, default), got 3'],
    ['match', 5, 'match() needs an even number of arguments ≥ 4 (value, key/result pairs, default), got 5'],
    ['days_between', 1, 'days_between() takes exactly 2 arguments, got 1'],
    ['whole_months', 3, 'whole_months() takes exactly 2 arguments, got 3'],
    ['year', 0, 'year() takes exactly 1 argument, got 0'],
    ['month', 2, 'month() takes exactly 1 argument, got 2'],
  ];
  test.each(arity)('%s with %i arguments', (fn, n, message) => {
    const src = `1 + ${fn}(${Array.from({ length: n }, () => '0').join(', ')})`;
    expect(() => parseExpr(src)).toThrow(`${message} at 4`);
  });
  test('every function is covered by the arity table and accepts its minimum', () => {
    expect(new Set(arity.map(([fn]) => fn))).toEqual(new Set(Object.keys(FUNCTIONS)));
    for (const [fn, { min }] of Object.entries(FUNCTIONS)) {
      expect(parseExpr(`${fn}(${Array.from({ length: min }, () => '0').join(', ')})`)).toMatchObject({ kind: 'call', fn });
    }
    expect(parseExpr('match(x, 1, 2, 3, 4, 5)')).toMatchObject({ kind: 'call', args: { length: 6 } });
  });
});

describe('evaluation', () => {
  const row: Record<string, Value> = {
    a: 3, b: -2, z: 0, n: null, s: 'AA', t: '可疑', p: true, q: false,
    d0: d('2025-06-30'), d1: d('2025-12-31'), as_of: d('2025-12-31'),
  };
  const lookup = (name: string): Value => {
    if (!(name in row)) throw new Error(`no ${name}`);
    return row[name] ?? null;
  };
  const ev = (src: string, r: Record<string, Value> = {}) => evalExpr(parseExpr(src), (n) => (n in r ? r[n]! : lookup(n)));

  test.each<[string, Value, Record<string, Value>?]>([
    // arithmetic and NULL
    ['a + b * 2', -1], ['-a - -b', -5], ['a / 2', 1.5], ['a / z', null], ['-a / z', null], ['z / z', null],
    ['a + n', null], ['n * 0', null], ['-n', null], ['1 / 3 * 3', 1],
    // comparisons with NULL
    ['a > b', true], ['a = 3', true], ['a != 3', false], ['n = n', null], ['n != 1', null], ['n < 1', null],
    ["s = 'AA'", true], ["s < 'AAA'", true], ["'b' < 'a'", false], ["'\uffff' < '😀'", true], ['d0 < d1', true], ['q < p', true],
    // three-valued logic
    ['p and n', null], ['q and n', false], ['n and q', false], ['p or n', true], ['n or p', true], ['q or n', null],
    ['not n', null], ['not q', true], ['n and n', null],
    // in
    ["t in ('可疑', '损失')", true], ["t in ('x', n)", null], ["t in ('x', 'y')", false], ["n in ('x')", null],
    ["t not in ('x', n)", null], ["t not in ('x')", true], ["t not in ('可疑', n)", false], ['a in (1, 3)', true],
    // functions
    ['min(a, b)', -2], ['max(a, b, 10)', 10], ['min(a, n)', null], ['max(n, a)', null], ["min('b', 'a')", 'a'], ['max(d0, d1)', d('2025-12-31')],
    ['clamp(a, 0, 1)', 1], ['clamp(b, 0, 1)', 0], ['clamp(0.5, 0, 1)', 0.5], ['clamp(n, 0, 1)', null], ['clamp(5, 3, 1)', 1],
    ['abs(b)', 2], ['abs(n)', null],
    ['round(2.5)', 3], ['round(-2.5)', -3], ['round(0.125, 2)', 0.13], ['round(-0.125, 2)', -0.13], ['round(1.005, 2)', 1],
    ['round(1250, -2)', 1300], ['round(-1249, -2)', -1200], ['round(2.5, 0)', 3], ['round(n, 2)', null],
    ['coalesce(n, a)', 3], ['coalesce(n, n)', null], ['is_null(n)', true], ['is_null(a)', false], ['is_null(n + 1)', true],
    ['if(p, 1, 2)', 1], ['if(q, 1, 2)', 2], ['if(n, 1, 2)', 2], ['if(p, n, 2)', null],
    ["match(s, 'AAA', 40, 'AA', 32, 0)", 32], ["match('Z', 'AAA', 40, 0)", 0], ["match(n, 'AAA', 40, 0)", 0],
    ["match('A', 'A', 1, 'A', 2, 0)", 1], ["match(s, n, 1, 'AA', 2, 0)", 2], ["match(s, 'AA', n, 0)", null],
    ["match(n, n, 1, 0)", 0], ["match(a, 1, 'one', 3, 'three', 'other')", 'three'],
    // dates
    ['days_between(d0, d1)', 184], ['days_between(d1, d0)', -184], ['days_between(n, d1)', null],
    ['days_between(x, y)', 366, { x: d('2024-01-01'), y: d('2025-01-01') }],
    ['days_between(x, y)', 1, { x: d('2024-02-28'), y: d('2024-02-29') }],
    ['whole_months(x, y)', 6, { x: d('2025-06-30'), y: d('2025-12-31') }],
    ['whole_months(x, y)', 5, { x: d('2025-07-31'), y: d('2025-12-31') }],
    ['whole_months(x, y)', 6, { x: d('2025-06-01'), y: d('2025-12-01') }],
    ['whole_months(x, y)', 5, { x: d('2025-06-02'), y: d('2025-12-01') }],
    ['whole_months(x, y)', 0, { x: d('2025-01-31'), y: d('2025-02-28') }],
    ['whole_months(x, y)', 11, { x: d('2024-02-29'), y: d('2025-02-28') }],
    ['whole_months(x, y)', 12, { x: d('2024-02-29'), y: d('2025-03-01') }],
    ['whole_months(x, y)', -6, { x: d('2025-12-01'), y: d('2025-06-02') }],
    ['whole_months(n, d1)', null],
    ['year(d0)', 2025], ['month(d0)', 6], ['year(n)', null],
  ])('%s = %j', (src, want, r = {}) => {
    expect(ev(src, r)).toEqual(want);
  });

  test('presets', () => {
    const dealer = { annual_sales: 12_000_000, cost_ratio: 0.7, credit_level: 'BBB', local_influence: 3 };
    const score = '80 * min(annual_sales / 10000000, 1) + 30 * clamp((0.9 - cost_ratio) / 0.4, 0, 1) + ' +
      "match(credit_level, 'AAA', 40, 'AA', 32, 'A', 24, 'BBB', 16, 'BB', 8, 'B', 0, 0) + 10 * local_influence";
    expect(ev(score, dealer)).toBeCloseTo(80 + 15 + 16 + 30, 12);
    expect(ev(score, { ...dealer, credit_level: null })).toBeCloseTo(125, 12);
    expect(ev(score, { ...dealer, annual_sales: null })).toBeNull();
    const corp = { loan_balance: 1, annual_revenue: 150_000_000, industry: '农林牧渔业' };
    expect(ev("loan_balance > 0 and annual_revenue >= 150000000 and industry = '农林牧渔业'", corp)).toBe(true);
    expect(ev("loan_balance > 0 and annual_revenue >= 150000000 and industry = '农林牧渔业'", { ...corp, industry: null })).toBeNull();
    expect(ev("defaulted or loan_class in ('可疑', '损失')", { defaulted: null, loan_class: '损失' })).toBe(true);
    expect(ev('closed or days_between(last_txn_date, as_of) >= 365', { closed: false, last_txn_date: d('2024-12-31') })).toBe(true);
    expect(ev('closed or days_between(last_txn_date, as_of) >= 365', { closed: null, last_txn_date: d('2025-01-01') })).toBeNull();
    expect(ev('whole_months(cooperation_start, as_of) < 6', { cooperation_start: d('2025-07-01') })).toBe(true);
    expect(ev('0.40 * x + 0.35 * y + 0.25 * z', { x: 100, y: 100, z: 100 })).toBeCloseTo(100, 12);
  });

  test.each([
    ["a + 'x'", '"+" needs a number, got string at 2'],
    ["s = 1", '"=" cannot compare string with number at 2'],
    ['p and 1', '"and" needs a boolean, got number at 2'],
    ['not a', '"not" needs a boolean, got number at 0'],
    ['-s', 'unary "-" needs a number, got string at 0'],
    ["if(a, 1, 2)", 'if() needs a boolean, got number at 0'],
    ["if(p, 1, 'x')", 'if() mixes number and string at 0'],
    ["coalesce(n, 1, 'x')", 'coalesce() mixes number and string at 0'],
    ["match(s, 'AA', 1, 'x')", 'match() mixes number and string at 0'],
    ["match(s, 1, 1, 0)", 'match() cannot compare string with number at 0'],
    ['year(a)', 'year() needs a date, got number at 0'],
    ["d0 in ('2025-06-30')", '"in" cannot compare date with string at 3'],
    ['q and s', '"and" needs a boolean, got string at 2'],
  ])('type error: %s', (src, message) => {
    expect(() => ev(src)).toThrow(message);
  });

  test('lookup values are checked', () => {
    expect(() => evalExpr(parseExpr('x + 1'), () => undefined as unknown as Value)).toThrow('"x" has an unsupported value undefined at 0');
    expect(() => evalExpr(parseExpr('year(x)'), () => ({ date: '2025-02-30' }))).toThrow(ExprError);
    expect(() => dateValue('2025-2-3')).toThrow();
    expect(() => dateValue('0000-01-01')).toThrow();
    expect(dateValue('0001-01-01')).toEqual({ date: '0001-01-01' });
    expect(evalExpr(parseExpr('days_between(x, y)'), (n) => d(n === 'x' ? '0001-01-01' : '9999-12-31'))).toBe(3652058);
  });
});

describe('checkExpr', () => {
  const types: Record<string, ExprType> = { a: 'number', s: 'string', p: 'boolean', dt: 'date', u: 'any' };
  const check = (src: string) => checkExpr(parseExpr(src), (n) => types[n]);
  test.each<[string, ExprType]>([
    ['a + 1', 'number'], ['a > 1 and p', 'boolean'], ["if(p, s, null)", 'string'], ['coalesce(null, dt)', 'date'],
    ["match(s, 'x', 1, 2)", 'number'], ["match(s, 'x', null, 'y', null, 2)", 'number'], ['days_between(dt, dt)', 'number'], ['u + 1', 'number'], ['coalesce(u, null)', 'any'],
    ['min(s, s)', 'string'], ['is_null(s)', 'boolean'], ["s in ('a', null)", 'boolean'], ['null', 'null'],
  ])('%s : %s', (src, want) => expect(check(src)).toBe(want));
  test.each([
    ['a + s', '"+" needs a number, got string at 2'],
    ["dt = '2025-01-01'", '"=" mixes date and string at 3'],
    ['not a', '"not" needs a boolean, got number at 0'],
    ['q', 'unknown name "q" at 0'],
    ["match(s, 1, 'x', 'y')", 'match() keys mixes string and number at 0'],
    ["match(s, 'k', 1, 'y')", 'match() results mixes number and string at 0'],
    ["match(s, 'k', 'x', 'j', 'y', 1)", 'match() results mixes string and number at 0'],
    ['year(a)', 'year() needs a date, got number at 0'],
    ["if(p, 1, 'x')", 'if() mixes number and string at 0'],
    ['a in (1, s)', '"in" mixes number and string at 2'],
  ])('%s fails', (src, message) => expect(() => check(src)).toThrow(message));
});

describe('compile', () => {
  test('literals are quoted, refs resolved, SQL fully parenthesized', () => {
    expect(compileExpr("a + 1 > 2 and s != 'it''s'", ident)).toBe(
      `((((\"a\") + CAST(1 AS DOUBLE)) > CAST(2 AS DOUBLE)) AND ((\"s\") <> CAST('it''s' AS VARCHAR)))`,
    );
    expect(compileExpr('a / b', ident)).toBe('(("a") / NULLIF(("b"), 0))');
    expect(compileExpr('`x"y` - -1', ident)).toBe('(("x""y") - (- CAST(1 AS DOUBLE)))');
    expect(compileExpr('round(x, -2)', ident)).toBe('round(("x"), -2)');
  });
  test('no "--" comment can ever appear', () => {
    for (const src of ['1 - -1', '- - - a', 'a--b', "'--' = s"]) {
      const sql = compileExpr(src, ident);
      expect(sql.replace(/'[^']*'/g, '')).not.toContain('--');
    }
  });
});
