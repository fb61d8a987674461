import { describe, expect, test } from 'vitest';
import { checkFilters, FILTERED_VIEW, filterViewStatements, filterWhere, FilterError, sameFilters, tierFilterField, type Filter } from '../../src/analysis/filters';

const COLUMNS = [
  { name: 'branch', sqlType: 'VARCHAR' },
  { name: 'aum', sqlType: 'DOUBLE' },
  { name: 'credit_score', sqlType: 'INTEGER' },
  { name: 'opened', sqlType: 'DATE' },
  { name: 'odd "name"', sqlType: 'VARCHAR' },
];

describe('filter compilation', () => {
  test.each<[string, Filter[], string, unknown[]]>([
    ['none', [], 'TRUE', []],
    ['one branch', [{ field: 'branch', kind: 'in', values: ['杭州滨江支行'] }], '("branch" IN (?))', ['杭州滨江支行']],
    ['values and empty', [{ field: 'branch', kind: 'in', values: ['a', null, 'b'] }], '("branch" IN (?, ?) OR "branch" IS NULL)', ['a', 'b']],
    ['only empty', [{ field: 'branch', kind: 'in', values: [null] }], '("branch" IS NULL)', []],
    ['a number column compared as text', [{ field: 'credit_score', kind: 'in', values: ['60'] }], '(CAST("credit_score" AS VARCHAR) IN (?))', ['60']],
    ['a range', [{ field: 'aum', kind: 'range', min: 100000, max: 500000 }], '"aum" >= ? AND "aum" <= ?', [100000, 500000]],
    ['open above', [{ field: 'aum', kind: 'range', min: 0 }], '"aum" >= ?', [0]],
    ['open below', [{ field: 'credit_score', kind: 'range', max: 60 }], '"credit_score" <= ?', [60]],
    [
      'several, in order',
      [{ field: 'branch', kind: 'in', values: ['x'] }, { field: 'aum', kind: 'range', min: 1 }],
      '("branch" IN (?)) AND "aum" >= ?',
      ['x', 1],
    ],
    ['an identifier with quotes', [{ field: 'odd "name"', kind: 'in', values: ['v'] }], '("odd ""name""" IN (?))', ['v']],
  ])('%s', (_name, filters, sql, params) => {
    const where = filterWhere(filters, COLUMNS);
    expect(where.sql).toBe(sql);
    expect(where.params).toEqual(params);
  });

  // Hostile values never reach the SQL text: they travel as parameters, whatever they hold.
  test.each(["O'Brien", "'; DROP TABLE dataset; --", '100%', '%', '_', '\\', '"', '杭州%支行', '\u0000', ' ', ''])('value %j stays a parameter', (value) => {
    const filters: Filter[] = [{ field: 'branch', kind: 'in', values: [value] }];
    const where = filterWhere(filters, COLUMNS);
    expect(where.sql).toBe('("branch" IN (?))');
    expect(where.params).toEqual([value]);
    const statements = filterViewStatements(filters, COLUMNS, 'dataset');
    for (const s of statements) if (value.length > 1) expect(s.sql).not.toContain(value);
    expect(statements.flatMap((s) => s.params)).toEqual([0, value]);
  });

  test('the view reads the values from tables filled by parameters; ranges too', () => {
    const statements = filterViewStatements(
      [
        { field: 'branch', kind: 'in', values: ['a', null] },
        { field: 'aum', kind: 'range', min: 5 },
      ],
      COLUMNS,
      'dataset',
    );
    expect(statements.map((s) => s.params)).toEqual([[], [], [0, 'a', 0, null], [1, 5, null], []]);
    const view = statements.at(-1)!.sql;
    expect(view).toContain(`CREATE OR REPLACE TEMP VIEW "${FILTERED_VIEW}" AS SELECT * FROM "dataset" WHERE`);
    expect(view).toContain('"branch" IN (SELECT v FROM "__tl_filter_values" WHERE f = 0 AND v IS NOT NULL)');
    expect(view).toContain(`"aum" >= (SELECT coalesce(lo, '-infinity'::DOUBLE) FROM "__tl_filter_ranges" WHERE f = 1)`);
  });

  test.each<[string, Filter, FilterError['reason']]>([
    ['a column the data lacks', { field: 'region', kind: 'in', values: ['x'] }, 'no-column'],
    ['no values', { field: 'branch', kind: 'in', values: [] }, 'no-values'],
    ['a range on text', { field: 'branch', kind: 'range', min: 1 }, 'not-numeric'],
    ['a range on a date', { field: 'opened', kind: 'range', min: 1 }, 'not-numeric'],
    ['a range without ends', { field: 'aum', kind: 'range' }, 'bad-range'],
    ['a range upside down', { field: 'aum', kind: 'range', min: 10, max: 1 }, 'bad-range'],
    ['a range to infinity', { field: 'aum', kind: 'range', min: Number.POSITIVE_INFINITY }, 'bad-range'],
    ['a range of NaN', { field: 'aum', kind: 'range', max: Number.NaN }, 'bad-range'],
  ])('refused: %s', (_name, filter, reason) => {
    expect(() => checkFilters([filter], COLUMNS)).toThrow(FilterError);
    try {
      checkFilters([filter], COLUMNS);
    } catch (e) {
      expect((e as FilterError).reason).toBe(reason);
      expect((e as FilterError).field).toBe(filter.field);
    }
  });

  test('a tier of another scheme: its result kept in a table, the tiers as parameters, matched by customer and period', () => {
    const tiers = (id: string) => (id === 'retail-aum' ? 'SELECT customer_id, period, tier FROM compiled' : undefined);
    const hostile = "vip'; DROP TABLE dataset; --";
    const statements = filterViewStatements([{ field: tierFilterField('retail-aum'), kind: 'tier', values: ['vip', hostile] }], [...COLUMNS, { name: 'period', sqlType: 'DATE' }], 'dataset', tiers);
    expect(statements[2]).toEqual({ sql: 'CREATE OR REPLACE TEMP TABLE "__tl_filter_tier_0" AS SELECT customer_id, period, tier FROM (SELECT customer_id, period, tier FROM compiled)', params: [] });
    expect(statements[3]!.params).toEqual([0, 'vip', 0, hostile]);
    for (const st of statements) expect(st.sql).not.toContain('DROP');
    expect(statements.at(-1)!.sql).toContain('EXISTS (SELECT 1 FROM "__tl_filter_tier_0" t WHERE t.customer_id = "dataset"."customer_id" AND t.period IS NOT DISTINCT FROM "dataset"."period" AND t.tier IN (SELECT v FROM "__tl_filter_values" WHERE f = 0))');
    // Without periods, by customer alone.
    expect(filterViewStatements([{ field: tierFilterField('retail-aum'), kind: 'tier', values: ['vip'] }], COLUMNS, 'dataset', tiers).at(-1)!.sql).not.toContain('period');
  });

  test.each<[string, Filter]>([
    ['a scheme that does not run here', { field: tierFilterField('rfm'), kind: 'tier', values: ['x'] }],
    ['not a tier field', { field: 'branch', kind: 'tier', values: ['x'] }],
  ])('refused: %s', (_name, filter) => {
    expect(() => checkFilters([filter], COLUMNS, (id) => (id === 'retail-aum' ? 'SELECT 1' : undefined))).toThrow(expect.objectContaining({ reason: 'no-scheme' }));
  });

  test('a filter of a kind this version does not know (a file from elsewhere) is refused, not read as a range', () => {
    expect(() => checkFilters([{ field: 'aum', kind: 'between', min: 1 } as unknown as Filter], COLUMNS)).toThrow(expect.objectContaining({ reason: 'bad-range' }));
  });

  test('a refused filter is said in the page\'s language, the column by its label', () => {
    expect(new FilterError('branch', 'no-column').localized('zh-CN')).toBe('数据中没有“机构”列');
    expect(new FilterError(tierFilterField('rfm'), 'no-scheme').localized('en')).toBe('the built-in scheme "rfm" cannot run on this data');
  });

  test('sameFilters compares the filters, not the arrays', () => {
    expect(sameFilters(undefined, [])).toBe(true);
    expect(sameFilters([{ field: 'a', kind: 'in', values: ['x'] }], [{ field: 'a', kind: 'in', values: ['x'] }])).toBe(true);
    expect(sameFilters([{ field: 'a', kind: 'in', values: ['x'] }], [{ field: 'a', kind: 'in', values: ['y'] }])).toBe(false);
  });
});
