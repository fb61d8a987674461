import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine, SqlValue } from '../../src/engine/types';
import { checkExpr, dateValue, evalExpr, exprToSql, isDateValue, parseExpr, refsOf, type Value } from '../../src/schemes/expr';
import { ident } from '../../src/sql/quote';
import { ENGINES } from '../support/engines';

/** Column types of every name the cases use; a one-row table is built from those a case needs. */
const TYPES: Record<string, 'DOUBLE' | 'VARCHAR' | 'BOOLEAN' | 'DATE'> = {
  a: 'DOUBLE', b: 'DOUBLE', c: 'DOUBLE', z: 'DOUBLE', n: 'DOUBLE',
  s: 'VARCHAR', t: 'VARCHAR', sn: 'VARCHAR',
  p: 'BOOLEAN', q: 'BOOLEAN', pn: 'BOOLEAN',
  d0: 'DATE', d1: 'DATE', dn: 'DATE', as_of: 'DATE',
  'we"ird': 'DOUBLE', '月日均AUM': 'DOUBLE', 'a"); DROP TABLE expr_guard; --': 'DOUBLE',
  annual_sales: 'DOUBLE', cost_ratio: 'DOUBLE', credit_level: 'VARCHAR', local_influence: 'DOUBLE',
  loan_ftp_income: 'DOUBLE', deposit_ftp_income: 'DOUBLE', fee_income: 'DOUBLE',
  capital_cost: 'DOUBLE', operating_cost: 'DOUBLE', credit_cost: 'DOUBLE',
  industry_score: 'DOUBLE', growth_score: 'DOUBLE', influence_score: 'DOUBLE',
  loan_balance: 'DOUBLE', annual_revenue: 'DOUBLE', industry: 'VARCHAR',
  defaulted: 'BOOLEAN', loan_class: 'VARCHAR', closed: 'BOOLEAN',
  first_txn_date: 'DATE', last_txn_date: 'DATE', cooperation_start: 'DATE',
};
const d = dateValue;
const BASE: Record<string, Value> = {
  a: 3, b: -2, c: 0.1, z: 0, n: null, s: 'AA', t: '可疑', sn: null, p: true, q: false, pn: null,
  d0: d('2025-06-30'), d1: d('2025-12-31'), dn: null, as_of: d('2025-12-31'),
  'we"ird': 7, '月日均AUM': 500_000, 'a"); DROP TABLE expr_guard; --': 1,
};
type Row = Record<string, Value>;
const INF = '(1e308 * 10)';
const NAN = `(${INF} - ${INF})`;

const DEALER = '80 * min(annual_sales / 10000000, 1) + 30 * clamp((0.9 - cost_ratio) / 0.4, 0, 1) + ' +
  "match(credit_level, 'AAA', 40, 'AA', 32, 'A', 24, 'BBB', 16, 'BB', 8, 'B', 0, 0) + 10 * local_influence";
const PROFIT = 'loan_ftp_income + deposit_ftp_income + fee_income - capital_cost - operating_cost - credit_cost';
const POTENTIAL = '0.40 * industry_score + 0.35 * growth_score + 0.25 * influence_score';
const LARGE_AGRI = "loan_balance > 0 and annual_revenue >= 150000000 and industry = '农林牧渔业'";
const BAD_LOAN = "defaulted or loan_class in ('可疑', '损失', 'doubtful', 'loss')";
const LOST = 'closed or days_between(last_txn_date, as_of) >= 365';
const dealer = { annual_sales: 12_000_000, cost_ratio: 0.7, credit_level: 'BBB', local_influence: 3 };
const profit = { loan_ftp_income: 1e5, deposit_ftp_income: 2.5e4, fee_income: 0.1, capital_cost: 3e4, operating_cost: 0.2, credit_cost: 1 };
const corp = { loan_balance: 1, annual_revenue: 150_000_000, industry: '农林牧渔业' };

const CASES: [string, Row?][] = [
  // arithmetic, NULL, division by zero, doubles
  ['a + b * 2'], ['-a - -b'], ['a / 2'], ['1 / 3'], ['a / z'], ['-a / z'], ['z / z'], ['n / z'], ['a / -z'], ['-z'],
  ['a + n'], ['n * 0'], ['-n'], ['0.1 + 0.2'], ['c * 3'], ['2147483647 + 1'], ['2147483647 * 2147483647'], ['1e21 + 1'],
  ['1e308 * 10'], [NAN], [`${NAN} = ${NAN}`], [`${NAN} > 1e308`], [`max(${NAN}, 1)`], [`min(${NAN}, 1)`], [`-${INF} < 0`],
  ['a * 1.5e-3'], ['.5 + 7.'],
  // comparisons, including NULL, strings in UTF-8 byte order, dates and booleans
  ['a > b'], ['a = 3'], ['a != 3'], ['a <> 3'], ['a == 3'], ['a >= 3'], ['a <= 2.9999'], ['-z = 0'],
  ['n = n'], ['n != 1'], ['n < 1'], ['sn = s'], ['pn = p'], ['dn < d0'],
  ["s = 'AA'"], ["s < 'AAA'"], ["'b' < 'a'"], ["'a' < 'B'"], ["'\uffff' < '😀'"], ["'é' < 'ｅ'"], ["'农' < '可'"], ["s = 'aa'"],
  ['d0 < d1'], ['d0 = d0'], ['q < p'], ['p = true'], ['q != false'],
  // three-valued logic
  ['p and pn'], ['q and pn'], ['pn and q'], ['p or pn'], ['pn or p'], ['q or pn'], ['not pn'], ['not q'], ['pn and pn'],
  ['not (a > 1 and pn)'], ['n > 1 or a > 1'], ['n > 1 and a > 5'],
  // in / not in with NULL
  ["t in ('可疑', '损失')"], ["t in ('x', sn)"], ["t in ('x', 'y')"], ["sn in ('x')"], ["sn in ('x', null)"],
  ["t not in ('x', sn)"], ["t not in ('x')"], ["t not in ('可疑', sn)"], ['a in (1, 3)'], ['a in (n, 3)'], ['a in (n)'],
  ['d0 in (d1, d0)'], ['p in (false)'],
  // functions
  ['min(a, b)'], ['max(a, b, 10)'], ['min(a, n)'], ['max(n, a)'], ['min(n, n)'], ['max(a, b, n)'], ["min('b', 'a')"], ["max(s, sn)"],
  ['max(d0, d1)'], ['min(d0, dn)'], ['min(q, p)'],
  ['clamp(a, 0, 1)'], ['clamp(b, 0, 1)'], ['clamp(0.5, 0, 1)'], ['clamp(n, 0, 1)'], ['clamp(a, n, 1)'], ['clamp(a, 0, n)'], ['clamp(5, 3, 1)'],
  ['abs(b)'], ['abs(n)'], ['abs(-z)'],
  ['round(2.5)'], ['round(-2.5)'], ['round(0.5)'], ['round(-0.5)'], ['round(0.125, 2)'], ['round(-0.125, 2)'], ['round(1.005, 2)'],
  ['round(2.675, 2)'], ['round(1250, -2)'], ['round(-1250, -2)'], ['round(-1249, -2)'], ['round(2.5, 0)'], ['round(n, 2)'],
  ['round(a / 7, 15)'], ['round(1e300, 10)'], ['round(1e300, -15)'], [`round(${INF}, 2)`], ['round(123.456, -1)'], ['round(c * 3, 1)'],
  ['coalesce(n, a)'], ['coalesce(n, n)'], ['coalesce(sn, s)'], ['coalesce(dn, d0)'], ['coalesce(a)'],
  ['is_null(n)'], ['is_null(a)'], ['is_null(n + 1)'], ['is_null(sn)'], ['is_null(dn)'], ['is_null(pn)'],
  ['if(p, 1, 2)'], ['if(q, 1, 2)'], ['if(pn, 1, 2)'], ['if(p, n, 2)'], ["if(a > 1, 'big', 'small')"], ['if(p, d0, d1)'],
  ["match(s, 'AAA', 40, 'AA', 32, 0)"], ["match('Z', 'AAA', 40, 0)"], ["match(sn, 'AAA', 40, 0)"], ["match('A', 'A', 1, 'A', 2, 0)"],
  ["match(s, sn, 1, 'AA', 2, 0)"], ["match(s, 'AA', n, 0)"], ["match(s, 'x', 1, n)"], ["match(a, 1, 'one', 3, 'three', 'other')"],
  ["match(p, false, 'no', true, 'yes', '?')"], ["match(d0, d1, 1, d0, 2, 3)"],
  // dates: leap years, month ends, direction
  ['days_between(d0, d1)'], ['days_between(d1, d0)'], ['days_between(dn, d1)'], ['days_between(d0, dn)'],
  ['days_between(d0, d1)', { d0: d('2024-02-28'), d1: d('2024-03-01') }],
  ['days_between(d0, d1)', { d0: d('2023-02-28'), d1: d('2023-03-01') }],
  ['days_between(d0, d1)', { d0: d('1900-02-28'), d1: d('1900-03-01') }],
  ['days_between(d0, d1)', { d0: d('2000-02-28'), d1: d('2000-03-01') }],
  ['days_between(d0, d1)', { d0: d('0001-01-01'), d1: d('9999-12-31') }],
  ['days_between(d0, d1)', { d0: d('1969-12-31'), d1: d('1970-01-01') }],
  ...([
    ['2025-06-30', '2025-12-31'], ['2025-07-31', '2025-12-31'], ['2025-06-01', '2025-12-01'], ['2025-06-02', '2025-12-01'],
    ['2025-01-31', '2025-02-28'], ['2024-01-31', '2024-02-29'], ['2024-02-29', '2024-03-31'], ['2024-02-29', '2025-02-28'],
    ['2024-02-29', '2025-03-01'], ['2025-12-01', '2025-06-02'], ['2025-12-31', '2025-06-30'], ['2025-03-15', '2025-03-15'],
    ['1999-12-31', '2000-01-01'],
  ].map(([x, y]) => ['whole_months(d0, d1)', { d0: d(x!), d1: d(y!) }]) as [string, Row][]),
  ['whole_months(dn, d1)'], ['whole_months(d0, dn)'],
  ['year(d0)'], ['month(d0)'], ['year(dn)'], ['month(d0)', { d0: d('2024-02-29') }], ['year(d0) * 12 + month(d0)'],
  // untyped NULL literals everywhere DuckDB's binder could trip on them
  ['null'], ['null + 1'], ['null / 0'], ['null = null'], ['null and false'], ['null or true'], ['not null'], ['-null'],
  ['year(null)'], ['month(null)'], ['days_between(null, d0)'], ['whole_months(d0, null)'], ['min(null, 1)'], ['max(null, null)'],
  ['clamp(null, 0, 1)'], ['round(null, 2)'], ['round(null)'], ['abs(null)'], ['coalesce(null, null)'], ['coalesce(null, 1)'],
  ['match(null, null, 1, 2)'], ["match(s, 'AA', null, 'x')"], ['null in (1)'], ['1 in (null)'], ['1 not in (null, 2)'],
  ['if(null, 1, 2)'], ['is_null(null)'], ['if(p, null, null)'],
  // names and literals that must stay names and literals
  ['`we"ird` + 1'], ['`月日均AUM` >= 500000'], ["'it''s'"], ['"say ""hi"""'], ["'x''); DROP TABLE expr_guard; --'"],
  ['`a"); DROP TABLE expr_guard; --` + 1'], ["s = 'AA'' OR 1=1 --'"],
  // the preset formulas
  [DEALER, dealer], [DEALER, { ...dealer, credit_level: 'ZZ', cost_ratio: 0.2, annual_sales: 5e6 }],
  [DEALER, { ...dealer, credit_level: null }], [DEALER, { ...dealer, annual_sales: null }], [DEALER, { ...dealer, cost_ratio: 1.5 }],
  [`round(${DEALER}, 2)`, { ...dealer, cost_ratio: 0.777 }],
  [PROFIT, profit], [PROFIT, { ...profit, fee_income: null }], [`${PROFIT} >= 100000`, profit],
  [POTENTIAL, { industry_score: 70, growth_score: 55, influence_score: 40 }], [POTENTIAL, { industry_score: 70, growth_score: null, influence_score: 40 }],
  [LARGE_AGRI, corp], [LARGE_AGRI, { ...corp, annual_revenue: 149_999_999.99 }], [LARGE_AGRI, { ...corp, industry: null }],
  [LARGE_AGRI, { ...corp, loan_balance: 0, industry: null }], [LARGE_AGRI, { ...corp, loan_balance: null }],
  [BAD_LOAN, { defaulted: null, loan_class: '损失' }], [BAD_LOAN, { defaulted: false, loan_class: '正常' }],
  [BAD_LOAN, { defaulted: null, loan_class: '正常' }], [BAD_LOAN, { defaulted: true, loan_class: null }], [BAD_LOAN, { defaulted: false, loan_class: null }],
  ['is_null(first_txn_date)', { first_txn_date: null }], ['is_null(first_txn_date)', { first_txn_date: d('2020-01-01') }],
  [LOST, { closed: false, last_txn_date: d('2024-12-31') }], [LOST, { closed: false, last_txn_date: d('2025-01-01') }],
  [LOST, { closed: null, last_txn_date: d('2025-01-01') }], [LOST, { closed: null, last_txn_date: d('2024-01-01') }],
  [LOST, { closed: true, last_txn_date: null }], [LOST, { closed: false, last_txn_date: null }],
  ['whole_months(cooperation_start, as_of) < 6', { cooperation_start: d('2025-06-30') }],
  ['whole_months(cooperation_start, as_of) < 6', { cooperation_start: d('2025-07-01') }],
  ['whole_months(cooperation_start, as_of) < 6', { cooperation_start: null }],
];

/** One-row typed source with the case's refs; values travel as bound parameters. */
function rowSql(names: readonly string[], row: Row): [string, SqlValue[]] {
  if (names.length === 0) return ['(SELECT 1 AS _)', []];
  const cols = names.map((name) => {
    const type = TYPES[name];
    if (!type) throw new Error(`test table has no type for ${name}`);
    return `CAST(? AS ${type}) AS ${ident(name)}`;
  });
  const params = names.map((name) => {
    const v = row[name] ?? null;
    return isDateValue(v) ? v.date : v;
  });
  return [`(SELECT ${cols.join(', ')})`, params];
}

/** The SQL result must be the reference's, type included; doubles within 1e-9 (relative above 1). */
function expectSame(got: { v: unknown; t: string; sv: string | null }, want: Value, label: string): void {
  if (want === null) return expect(got.v, label).toBeNull();
  if (typeof want === 'number') {
    expect(got.t, label).toBe('DOUBLE');
    const g = got.v as number;
    if (Number.isNaN(want) || !Number.isFinite(want)) return expect(g, label).toBe(want);
    return expect(Math.abs(g - want), `${label}: ${g} vs ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
  }
  if (isDateValue(want)) return expect([got.t, got.sv], label).toEqual(['DATE', want.date]);
  expect([got.t, got.v], label).toEqual([typeof want === 'string' ? 'VARCHAR' : 'BOOLEAN', want]);
}

describe.each(ENGINES)('expressions in SQL match evalExpr on %s', (_name, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
    await engine.query('CREATE OR REPLACE TABLE expr_guard AS SELECT 1 AS x');
  });
  afterAll(() => engine.close());

  test.each(CASES.map(([source, row]) => [source, row ?? {}] as const))('%s  %j', async (source, overrides) => {
    const row = { ...BASE, ...overrides };
    const expr = parseExpr(source);
    checkExpr(expr, (name) => ({ DOUBLE: 'number', VARCHAR: 'string', BOOLEAN: 'boolean', DATE: 'date' } as const)[TYPES[name]!]);
    const want = evalExpr(expr, (name) => row[name] ?? null);
    const [from, params] = rowSql(refsOf(expr), row);
    const sql = exprToSql(expr, ident);
    const t = await engine.query(`SELECT v, typeof(v) AS t, CAST(v AS VARCHAR) AS sv FROM (SELECT ${sql} AS v FROM ${from})`, params);
    expect(t.numRows).toBe(1);
    expectSame(t.get(0)!.toJSON() as { v: unknown; t: string; sv: string | null }, want, `${source} → ${sql}`);
  });

  test('injection attempts stayed literals and names', async () => {
    const t = await engine.query('SELECT count(*)::INTEGER AS n FROM expr_guard');
    expect(t.get(0)!.n).toBe(1);
  });
});
