import { describe, expect, test } from 'vitest';
import {
  bindParams,
  findSqlParams,
  interpolate,
  isValidParamName,
  sqlParamNames,
  sqlWords,
  SqlParamError,
  templateNames,
  UnknownParamError,
} from '../../src/notebook/bind';

describe('bindParams', () => {
  test.each([
    // [sql, values, expected sql, expected params]
    ['SELECT * FROM dataset WHERE period = $period', { period: '2024Q1' }, 'SELECT * FROM dataset WHERE period = ?', ['2024Q1']],
    ['SELECT $a, $b, $a', { a: 1, b: 2 }, 'SELECT ?, ?, ?', [1, 2, 1]],
    ['SELECT $a+$b', { a: 1, b: 2 }, 'SELECT ?+?', [1, 2]],
    ['SELECT x FROM t WHERE x IN ($a,$b)', { a: 1, b: 2 }, 'SELECT x FROM t WHERE x IN (?,?)', [1, 2]],
    ['SELECT $a::INTEGER', { a: '3' }, 'SELECT ?::INTEGER', ['3']],
    ['SELECT $min_aum_2', { min_aum_2: 5 }, 'SELECT ?', [5]],
    ['SELECT $期次', { 期次: '2024' }, 'SELECT ?', ['2024']],
    ['SELECT 1', {}, 'SELECT 1', []],
    ['', {}, '', []],
    ['SELECT $a', { a: null }, 'SELECT ?', [null]],
  ] as const)('%s', (sql, values, out, params) => {
    const bound = bindParams(sql, values);
    expect(bound.sql).toBe(out);
    expect(bound.params).toEqual(params);
  });

  test('names behind each ?', () => {
    expect(bindParams('SELECT $b, $a, $b', { a: 1, b: 2 }).names).toEqual(['b', 'a', 'b']);
  });

  test.each([
    ["SELECT '$a'", "a string literal"],
    ["SELECT 'it''s $a'", 'a string with a doubled quote'],
    ["SELECT E'\\' $a'", 'an E string with a backslash-escaped quote'],
    ["SELECT e'\\\\' || '$a'", 'e string ending in an escaped backslash, then a string'],
    ['SELECT "$a" FROM t', 'a quoted identifier'],
    ['SELECT "x""$a" FROM t', 'a quoted identifier with a doubled quote'],
    ['SELECT 1 -- $a', 'a line comment'],
    ['SELECT 1 /* $a */', 'a block comment'],
    ['SELECT 1 /* outer /* $a */ still comment $a */', 'a nested block comment'],
    ['SELECT 1 /* unclosed $a', 'an unclosed block comment'],
    ["SELECT 'unclosed $a", 'an unclosed string'],
    ['SELECT $$ $a $$', 'a dollar-quoted string'],
    ['SELECT $tag$ $a $tag$', 'a tagged dollar-quoted string'],
    ['SELECT $1, $2', 'positional parameters'],
    ['SELECT $12abc', 'a positional parameter followed by letters'],
    ['SELECT a$b FROM t', 'a $ inside an identifier'],
    ['SELECT $', 'a lone $'],
    ['SELECT $ a', 'a $ followed by a space'],
    ['SELECT $$', '$$ alone'],
    ['SELECT $$a', 'unclosed $$ before a word'],
  ])('left alone: %s (%s)', (sql) => {
    expect(bindParams(sql, {})).toEqual({ sql, params: [], names: [] });
  });

  test('code around strings and comments is still scanned', () => {
    const sql = [
      "SELECT '$x' AS s, $a AS a -- $x",
      '/* $x */ , "$x" , $b, E\'\\\'$x\', $$ $x $$, $1',
      "WHERE c = 'it''s' AND d = $a",
    ].join('\n');
    const bound = bindParams(sql, { a: 1, b: 2 });
    expect(bound.params).toEqual([1, 2, 1]);
    expect(bound.sql).toBe(
      [
        "SELECT '$x' AS s, ? AS a -- $x",
        '/* $x */ , "$x" , ?, E\'\\\'$x\', $$ $x $$, $1',
        "WHERE c = 'it''s' AND d = ?",
      ].join('\n'),
    );
  });

  test('a line comment ends at the newline', () => {
    expect(bindParams('SELECT 1 -- $x\n, $a', { a: 7 })).toMatchObject({ sql: 'SELECT 1 -- $x\n, ?', params: [7] });
  });

  test('$$ is not an escape: an unclosed $$ stays as written and the rest is code', () => {
    expect(bindParams('SELECT $$, $a', { a: 1 })).toMatchObject({ sql: 'SELECT $$, ?', params: [1] });
  });

  test('a $tag that is not closed is a parameter', () => {
    expect(bindParams('SELECT $a$', { a: 1 })).toMatchObject({ sql: 'SELECT ?$', params: [1] });
  });

  test('unknown names are an error naming them', () => {
    expect(() => bindParams('SELECT $period, $region', { period: 1 })).toThrow(UnknownParamError);
    expect(() => bindParams('SELECT $period, $region', { period: 1 })).toThrow('$region');
    try {
      bindParams('SELECT $x, $y, $x', {});
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SqlParamError);
      expect((e as UnknownParamError).names).toEqual(['x', 'y']);
      expect((e as Error).message).toBe('unknown parameters $x, $y');
    }
  });

  test('inherited properties are not values', () => {
    expect(() => bindParams('SELECT $constructor', {})).toThrow('$constructor');
    expect(() => bindParams('SELECT $toString', {})).toThrow(UnknownParamError);
  });

  test('a bare ? is refused (it would shift the bound values); inside strings it is fine', () => {
    expect(() => bindParams('SELECT ?, $a', { a: 1 })).toThrow(SqlParamError);
    expect(bindParams("SELECT '?', $a -- ?", { a: 1 })).toMatchObject({ sql: "SELECT '?', ? -- ?", params: [1] });
  });

  test('the values are passed as they are, never pasted', () => {
    const evil = "'; DROP TABLE dataset; --";
    const bound = bindParams('SELECT * FROM dataset WHERE branch = $b', { b: evil });
    expect(bound.sql).not.toContain('DROP');
    expect(bound.params).toEqual([evil]);
  });
});

describe('scanning helpers', () => {
  test('findSqlParams gives offsets', () => {
    expect(findSqlParams('SELECT $ab, $c')).toEqual([
      { name: 'ab', start: 7, end: 10 },
      { name: 'c', start: 12, end: 14 },
    ]);
  });

  test('sqlParamNames: distinct, in order', () => {
    expect(sqlParamNames("SELECT $b, $a, $b, '$c' -- $d")).toEqual(['b', 'a']);
  });

  test('sqlWords: lower-cased words and quoted identifiers, not strings or comments', () => {
    const words = sqlWords(`SELECT * FROM Tiered JOIN "Other" ON 1 -- cmt\n WHERE x = 'lit' /* blk */`);
    expect(words.has('tiered')).toBe(true);
    expect(words.has('Other')).toBe(true);
    expect(words.has('cmt')).toBe(false);
    expect(words.has('lit')).toBe(false);
    expect(words.has('blk')).toBe(false);
  });

  test('isValidParamName', () => {
    expect(isValidParamName('period')).toBe(true);
    expect(isValidParamName('_x1')).toBe(true);
    expect(isValidParamName('期次')).toBe(true);
    expect(isValidParamName('1x')).toBe(false);
    expect(isValidParamName('a-b')).toBe(false);
    expect(isValidParamName('')).toBe(false);
    expect(isValidParamName('a b')).toBe(false);
  });

  test('templates: names and interpolation', () => {
    expect(templateNames('# {{period}} vs {{ from }} and {{period}}; {{not valid}}')).toEqual(['period', 'from']);
    expect(interpolate('期次 {{period}}，{{ missing }}，{{n}}', { period: '2024Q4', n: null })).toBe('期次 2024Q4，{{ missing }}，');
  });
});
