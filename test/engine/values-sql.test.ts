import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { parseDateText, parseFlagText, parseMonthText, parseNumberText, type Parsed } from '../../src/ingest/values';
import { dateSql, fastPathSql, flagSql, isMissingSql, monthSql, numberSql } from '../../src/ingest/values-sql';
import { ENGINES } from '../support/engines';
import { DATE_CASES, FLAG_CASES, MONTH_CASES, NUMBER_CASES, SERIAL_DATE_CASES } from '../support/value-cases';

const outcomeOf = <T,>(p: Parsed<T>) => (p.kind === 'value' ? p.value : p.kind);

/** The SQL parsers must answer exactly as the TypeScript reference on every case. */
describe.each(ENGINES)('cell parsing in SQL on %s', (_name, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(() => engine.close());

  async function run(sqlOf: (e: string) => string, cells: readonly (string | null)[]) {
    const rows = [];
    for (const cell of cells) {
      const t = await engine.query(`SELECT (${sqlOf('c')})::VARCHAR AS v, ${isMissingSql('c')} AS missing FROM (SELECT ?::VARCHAR AS c)`, [cell]);
      const row = t.get(0)!;
      rows.push(row.missing ? 'missing' : row.v === null ? 'invalid' : String(row.v));
    }
    return rows;
  }
  const expectSame = <T>(got: string[], cells: readonly (string | null)[], parse: (s: string | null) => Parsed<T>) => {
    const want = cells.map((c) => {
      const p = parse(c);
      return p.kind === 'value' ? String(p.value) : p.kind;
    });
    expect(got.map((g, i) => [cells[i], g])).toEqual(want.map((w, i) => [cells[i], w]));
  };

  test('numbers', async () => {
    const cells = NUMBER_CASES.map(([c]) => c);
    const got = await run(numberSql, cells);
    const want = cells.map((c) => {
      const p = parseNumberText(c);
      return p.kind === 'value' ? p.value : p.kind;
    });
    got.forEach((g, i) => {
      const w = want[i];
      if (typeof w === 'number') expect(Number(g), String(cells[i])).toBeCloseTo(w, 9);
      else expect([cells[i], g]).toEqual([cells[i], w]);
    });
  });
  test('dates', async () => {
    const cells = DATE_CASES.map(([c]) => c);
    expectSame(await run(dateSql, cells), cells, parseDateText);
  });
  test('months', async () => {
    const cells = MONTH_CASES.map(([c]) => c);
    expectSame(await run(monthSql, cells), cells, parseMonthText);
  });
  test('dates with Excel serial numbers allowed', async () => {
    const cells = SERIAL_DATE_CASES.map(([c]) => c);
    expectSame(await run((e) => dateSql(e, { serial: true }), cells), cells, (c) => parseDateText(c, { serial: true }));
    expect(SERIAL_DATE_CASES.map(([c, want]) => [c, outcomeOf(parseDateText(c, { serial: true }))])).toEqual(SERIAL_DATE_CASES.map(([c, w]) => [c, w]));
  });
  test('flags', async () => {
    const cells = FLAG_CASES.map(([c]) => c);
    expectSame(await run(flagSql, cells), cells, parseFlagText);
  });
  // Typing runs the fast path over every cell and the full expression only where it gave NULL:
  // so wherever the fast path gives a value, it must be the full expression's value.
  test.each([
    ['number', numberSql, NUMBER_CASES],
    ['date', (e: string) => dateSql(e), DATE_CASES],
    ['excel-date', (e: string) => dateSql(e, { serial: true }), SERIAL_DATE_CASES],
    ['flag', flagSql, FLAG_CASES],
  ] as const)('the %s fast path gives the full value or nothing', async (type, full, cases) => {
    let taken = 0;
    for (const [cell] of cases) {
      const row = (await engine.query(`SELECT (${fastPathSql('c', type)})::VARCHAR AS fast, (${full('c')})::VARCHAR AS v FROM (SELECT ?::VARCHAR AS c)`, [cell])).get(0)!;
      if (row.fast === null) continue;
      taken++;
      expect([cell, row.fast]).toEqual([cell, row.v]);
    }
    expect(taken, 'the fast path takes some cells').toBeGreaterThan(0);
  });
});
