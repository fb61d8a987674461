import iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';
import { tableToIPC, tableFromArrays } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { toRows } from '../../src/engine/rows';
import { countDuplicateIds } from '../../src/ingest/duplicates';
import { buildDataset } from '../../src/ingest/dataset';
import { loadFile, type LoadedFile } from '../../src/ingest/load';
import { IngestError, PROBLEM_LIMIT } from '../../src/ingest/report';
import { ENGINES } from '../support/engines';

const GBK_CSV = [
  '客户号,客户姓名,所属支行,月日均AUM(元),星点值,数据日期,是否销户',
  'C001,张喆,杭州西湖支行,"1,234,567.89",120,2025/12/31,否',
  'C002,李珺,杭州滨江支行,12.3万,-,2025/12/31,否',
  'C003,王昇,宁波江北支行,abc,50,2025/12/31,是',
  'C004,赵一,宁波江北支行,,0,2025/12/31,否',
  'C005,钱二,宁波江北支行,(1000),10,2025/12/31,否',
  '',
].join('\r\n');

describe.each(ENGINES)('ingest on %s', (_name, open) => {
  let engine: Engine;
  let n = 0;
  const nextId = () => `t${++n}`;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(() => engine.close());

  // The file's own columns (internal ones start with `__`).
  const rows = async (f: LoadedFile) =>
    toRows(await engine.query(`SELECT * FROM ${f.typed.table} ORDER BY __rec`)).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('__'))));

  test('a GBK CSV with Chinese headers is detected, mapped and parsed, bad cells reported with line and column', async () => {
    const bytes = new Uint8Array(iconv.encode(GBK_CSV, 'gbk'));
    const f = await loadFile(engine, nextId(), { name: '客户_202512.csv', bytes });
    expect(f.report.encoding).toBe('gb18030');
    expect(f.report.delimiter).toBe(',');
    expect(f.mapping.mapping).toMatchObject({ customer_id: '客户号', customer_name: '客户姓名', branch: '所属支行', aum: '月日均AUM(元)', star_points: '星点值', period: '数据日期', closed: '是否销户' });
    const data = await rows(f);
    expect(data.map((r) => r['客户姓名'])).toEqual(['张喆', '李珺', '王昇', '赵一', '钱二']);
    expect(data.map((r) => r['月日均AUM(元)'])).toEqual([1234567.89, 123000, null, null, -1000]);
    expect(data.map((r) => r['数据日期'])).toEqual(Array(5).fill('2025-12-31'));
    expect(data.map((r) => r['是否销户'])).toEqual([false, false, true, false, false]);
    const aum = f.report.columns.find((c) => c.name === '月日均AUM(元)')!;
    expect(aum).toMatchObject({ type: 'number', invalid: 1, nulls: 1 });
    expect(f.report.problems).toEqual([expect.objectContaining({ file: '客户_202512.csv', line: 4, column: '月日均AUM(元)', value: 'abc' })]);
    const stars = f.report.columns.find((c) => c.name === '星点值')!;
    expect(stars).toMatchObject({ invalid: 0, nulls: 1 }); // '-' is a missing value, not 0 and not an error
  });

  test('a wide file (converted in several statements) keeps every row whole and reports bad cells in every batch', async () => {
    // 60 number columns: converted 24 to a statement, glued back by position. Each row carries
    // its own number in every column, in a plain, a grouped or a 万 spelling, so a row glued to
    // another row's values shows; a junk cell and a missing token sit in the first and last batch.
    const cols = Array.from({ length: 60 }, (_, c) => `指标${c}`);
    const cell = (r: number, c: number) => (r === 2 && c === 3 ? 'abc' : r === 3 && c === 58 ? 'x1' : r === 1 && c === 40 ? '-' : c % 3 === 0 ? `${r}万` : c % 3 === 1 ? `"${r},000"` : String(r));
    // 40 rows: one bad cell in a column is under the 5% that would make it a text column.
    const ids = Array.from({ length: 40 }, (_, k) => k + 1);
    const lines = [['客户号', ...cols].join(','), ...ids.map((r) => [`C${r}`, ...cols.map((_, c) => cell(r, c))].join(','))];
    const f = await loadFile(engine, nextId(), { name: 'wide.csv', bytes: new TextEncoder().encode(`${lines.join('\n')}\n`) });
    const data = await rows(f);
    expect(data.map((r) => r['客户号'])).toEqual(ids.map((r) => `C${r}`));
    for (const [k, row] of data.entries()) {
      const r = k + 1;
      cols.forEach((name, c) => {
        const bad = (r === 2 && c === 3) || (r === 3 && c === 58) || (r === 1 && c === 40);
        expect(row[name], `${name} of C${r}`).toBe(bad ? null : c % 3 === 0 ? r * 10_000 : c % 3 === 1 ? r * 1000 : r);
      });
    }
    expect(f.report.problems).toEqual([
      expect.objectContaining({ line: 3, column: '指标3', value: 'abc' }),
      expect.objectContaining({ line: 4, column: '指标58', value: 'x1' }),
    ]);
    expect(f.report.columns.find((c) => c.name === '指标40')).toMatchObject({ type: 'number', nulls: 1, invalid: 0 });
    // The side tables of the conversion are gone.
    expect(toRows(await engine.query("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE '%\\_\\_fix%' ESCAPE '\\' OR table_name LIKE '%\\_\\_part%' ESCAPE '\\'"))).toEqual([{ n: 0 }]);
  });

  test('rows skipped after quoted line breaks and blank lines are reported on the lines an editor shows', async () => {
    const text = [
      'cust_id,AUM,note', // 1
      '1,100,"two', // 2
      'lines"', // 3
      '', // 4
      '2,200,x,extra', // 5: too many fields
      '3,abc,"a ""quoted""', // 6
      'note"', // 7
      '4,400', // 8: too few fields
      '5,x5,e', // 9
      '',
    ].join('\r\n');
    const f = await loadFile(engine, nextId(), { name: 'r.csv', bytes: new TextEncoder().encode(text) });
    expect((await rows(f)).map((r) => r.cust_id)).toEqual(['1', '3', '5']);
    const errors = f.report.problems.filter((p) => p.severity === 'error').map((p) => p.line);
    expect(errors).toEqual([5, 8]);
    const cells = f.report.problems.filter((p) => p.column === 'AUM').map((p) => [p.line, p.value]);
    expect(cells).toEqual([
      [6, 'abc'],
      [9, 'x5'],
    ]);
  });

  test('a file with many ragged rows lists the first few, counts them all, and keeps the lines of what follows', async () => {
    // 100 ragged rows among 300; a bad cell after all of them.
    const rows = ['客户号,AUM'];
    for (let i = 0; i < 300; i++) rows.push(i % 3 === 0 ? `C${i},${i},extra` : `C${i},${i}`);
    rows.push('LAST,abc');
    const f = await loadFile(engine, nextId(), { name: 'ragged.csv', bytes: new TextEncoder().encode(`${rows.join('\n')}\n`) });
    expect(f.typed.rows).toBe(201);
    const skipped = f.report.problems.filter((p) => p.severity === 'error');
    expect(skipped.map((p) => p.line)).toEqual(Array.from({ length: PROBLEM_LIMIT }, (_v, k) => 2 + 3 * k));
    expect(f.report.problemCount).toBe(100 + 1);
    expect(f.report.problems.find((p) => p.value === 'abc')).toMatchObject({ line: 302, column: 'AUM' });
  });

  test('UTF-8 with BOM, semicolons, a ragged row is skipped and reported with its line', async () => {
    const text = '\ufeffcust_id;AUM;branch\n1;"100";A\n2;200;B;extra\n3;"x\ny";C\n4;400;D\n';
    const f = await loadFile(engine, nextId(), { name: 'u.csv', bytes: new TextEncoder().encode(text) });
    expect(f.report.encoding).toBe('utf-8');
    expect(f.report.delimiter).toBe(';');
    expect((await rows(f)).map((r) => r.cust_id)).toEqual(['1', '3', '4']);
    const errors = f.report.problems.filter((p) => p.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ file: 'u.csv', line: 3 })]);
    // Line numbers stay right after a quoted line break: "x\ny" starts on line 4.
    expect(f.report.problems.find((p) => p.column === 'AUM')).toMatchObject({ line: 4, value: 'x\ny' });
  });

  test('ids with leading zeros stay text; a bad file leaves earlier tables intact', async () => {
    const ok = await loadFile(engine, nextId(), { name: 'ids.csv', bytes: new TextEncoder().encode('客户号,AUM\n007,5\n010,6\n') });
    expect((await rows(ok)).map((r) => r['客户号'])).toEqual(['007', '010']);
    await expect(loadFile(engine, nextId(), { name: 'empty.csv', bytes: new Uint8Array() })).rejects.toThrow(/empty\.csv: the file is empty/);
    // Only blanks, ideographic spaces (U+3000) among them, in UTF-8 and in GBK: empty too.
    for (const [name, bytes] of [['blank.csv', new TextEncoder().encode(' \r\n\u3000\u3000\n\t')], ['blank-gbk.csv', new Uint8Array(iconv.encode('\u3000 \r\n\u3000', 'gbk'))]] as const) {
      await expect(loadFile(engine, nextId(), { name, bytes })).rejects.toThrow(/the file is empty/);
    }
    await expect(loadFile(engine, nextId(), { name: 'junk.csv', bytes: new Uint8Array([0, 1, 2, 3, 0, 255]) })).rejects.toBeInstanceOf(IngestError);
    expect((await rows(ok)).length).toBe(2);
  });

  test('XLSX: date cells become dates, numbers keep precision, sheet rows are the reported lines', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['客户号', '报告期', '贷款余额', '总行战略客户'],
      ['K1', new Date(Date.UTC(2025, 2, 31)), 150000000, '是'],
      [null, null, null, null],
      ['K2', new Date(Date.UTC(2025, 5, 30)), 'n/a?', '否'],
    ], { cellDates: true, UTC: true } as XLSX.AOA2SheetOpts);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '对公客户');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const f = await loadFile(engine, nextId(), { name: 'corp.xlsx', bytes });
    const data = await rows(f);
    expect(data.map((r) => r['报告期'])).toEqual(['2025-03-31', '2025-06-30']);
    expect(data.map((r) => r['贷款余额'])).toEqual([150000000, null]);
    expect(data.map((r) => r['总行战略客户'])).toEqual([true, false]);
    expect(f.report.problems).toEqual([expect.objectContaining({ line: 4, column: '贷款余额', value: 'n/a?' })]);
  });

  test('NDJSON, JSON and Arrow IPC load; files stack into one dataset with periods from file names', async () => {
    const a = await loadFile(engine, nextId(), { name: 'm_2025-01.ndjson', bytes: new TextEncoder().encode('{"customer_id":"A","aum":"1,000"}\n\n{"customer_id":"B","aum":2000}\n') });
    const b = await loadFile(engine, nextId(), { name: 'm_2025-02.json', bytes: new TextEncoder().encode('[{"customer_id":"A","aum":1500},{"customer_id":"C","aum":"3万"}]') });
    const arrow = tableToIPC(tableFromArrays({ customer_id: ['A', 'A'], aum: Float64Array.from([7, 8]) }), 'file');
    const c = await loadFile(engine, nextId(), { name: 'm_2025-03.arrow', bytes: arrow });
    const ds = await buildDataset(engine, [a, b, c]);
    expect(ds.periods).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(ds.rows).toBe(6);
    expect(ds.duplicateIds).toBe(1);
    const data = toRows(await engine.query(`SELECT period, customer_id, aum FROM ${ds.table} ORDER BY period, customer_id, aum`));
    expect(data).toEqual([
      { period: '2025-01', customer_id: 'A', aum: 1000 },
      { period: '2025-01', customer_id: 'B', aum: 2000 },
      { period: '2025-02', customer_id: 'A', aum: 1500 },
      { period: '2025-02', customer_id: 'C', aum: 30000 },
      { period: '2025-03', customer_id: 'A', aum: 7 },
      { period: '2025-03', customer_id: 'A', aum: 8 },
    ]);
  });

  test('a user mapping overrides the automatic one', async () => {
    const f = await loadFile(engine, nextId(), { name: 'o.csv', bytes: new TextEncoder().encode('编号,资产\nX,"2,000"\n') }, { overrides: { customer_id: '编号', aum: '资产' } });
    expect(f.mapping.mapping).toMatchObject({ customer_id: '编号', aum: '资产' });
    expect((await rows(f))[0]).toEqual({ 编号: 'X', 资产: 2000 });
  });
});

describe('duplicate customer ids', () => {
  // Periods from date columns are hashed as dates (one type in every file), else as text; both
  // must find the same repeats, and the same period list, as the period text would.
  const dated = (rows: string[]) => new TextEncoder().encode(`客户号,AUM,数据日期\n${rows.join('\n')}\n`);
  const named = (rows: string[]) => new TextEncoder().encode(`客户号,AUM\n${rows.join('\n')}\n`);
  test.each([
    {
      name: 'two files with date columns, one repeat within a file and one across files',
      files: [
        { name: 'a.csv', bytes: dated(['A,1,2025-01-31', 'B,2,2025-01-31', 'A,3,2025-02-28', 'C,4,2025-02-28', 'C,5,2025-02-28']) },
        { name: 'b.csv', bytes: dated(['B,6,2025-01-31', 'D,7,2025-02-28']) },
      ],
      periods: ['2025-01-31', '2025-02-28'],
      repeats: 2,
    },
    {
      name: 'a date column and a period from a file name, the same day: keyed as text',
      files: [
        { name: 'a.csv', bytes: dated(['A,1,2025-01-31', 'B,2,2025-01-31']) },
        { name: 'b_2025-01-31.csv', bytes: named(['A,3', 'C,4']) },
      ],
      periods: ['2025-01-31'],
      repeats: 1,
    },
    {
      name: 'periods from file names only',
      files: [
        { name: 'x_2025-01.csv', bytes: named(['A,1', 'A,2', 'B,3']) },
        { name: 'y_2025-02.csv', bytes: named(['A,1', 'B,2']) },
      ],
      periods: ['2025-01', '2025-02'],
      repeats: 1,
    },
  ])('$name', async ({ files, periods, repeats }) => {
    const engine = await ENGINES[0]![1]();
    const loaded: LoadedFile[] = [];
    for (const [i, f] of files.entries()) loaded.push(await loadFile(engine, `k${i}`, f));
    const ds = await buildDataset(engine, loaded);
    expect(ds.periods).toEqual(periods);
    expect(ds.duplicateIds).toBe(repeats);
    for (const options of [{ periodKey: '__period_key' }, { periodKey: '__period_key', groupInEngineRows: 0 }, { groupInEngineRows: 0 }]) {
      expect(await countDuplicateIds(engine, ds.table, ds.rows, options), JSON.stringify(options)).toBe(repeats);
    }
    // The key is bookkeeping: not a column users see.
    expect(ds.columns.map((c) => c.name)).not.toContain('__period_key');
    await engine.close();
  });

  test('are listed with the file and line of the repeat, per period', async () => {
    const engine = await ENGINES[0]![1]();
    const a = await loadFile(engine, 'd1', { name: 'jan_2025-01.csv', bytes: new TextEncoder().encode('客户号,AUM\nA,1\nB,2\nA,3\n') });
    const b = await loadFile(engine, 'd2', { name: 'feb_2025-02.csv', bytes: new TextEncoder().encode('客户号,AUM\nA,1\nB,2\n') });
    const ds = await buildDataset(engine, [a, b]);
    expect(ds.duplicateIds).toBe(1);
    expect(ds.problems).toEqual([expect.objectContaining({ file: 'jan_2025-01.csv', line: 4, column: '客户号', value: 'A', message: 'customer id appears 2 times in period 2025-01' })]);
    await engine.close();
  });

  test('the listed repeats are those the plain one-query form lists: the first by period and id, each at its second row', async () => {
    const engine = await ENGINES[0]![1]();
    const csv = (rows: string[]) => new TextEncoder().encode(`客户号,AUM\n${rows.join('\n')}\n`);
    // More repeated ids than are listed; repeats within a file, across two files of one period,
    // three times over, and on rows without a period (empty period cells).
    const many = Array.from({ length: 150 }, (_v, i) => `R${String(i).padStart(3, '0')}`);
    const files = [
      { name: 'jan_2025-01.csv', bytes: csv([...many.map((id, i) => `${id},${i}`), ...many.map((id, i) => `${id},${i + 1}`), 'T,1', 'T,2', 'T,3']) },
      { name: 'feb_2025-02.csv', bytes: csv(['A,1', 'B,2']) },
      { name: 'feb2_2025-02.csv', bytes: csv(['C,1', 'A,2']) },
      { name: 'gaps.csv', bytes: new TextEncoder().encode('客户号,AUM,数据日期\nU,1,\nU,2,\nV,3,2025-02-28\n') },
    ];
    const loaded: LoadedFile[] = [];
    for (const [i, f] of files.entries()) loaded.push(await loadFile(engine, `l${i}`, f));
    const ds = await buildDataset(engine, loaded);
    const reference = toRows(
      await engine.query(
        `SELECT period, customer_id, count(*)::INTEGER AS n, list(__file ORDER BY __file, __rec)[2] AS f, list(__rec ORDER BY __file, __rec)[2] AS rec
         FROM ${ds.table} WHERE customer_id IS NOT NULL GROUP BY period, customer_id HAVING count(*) > 1 ORDER BY period, customer_id LIMIT ${PROBLEM_LIMIT}`,
      ),
    );
    expect(reference.length).toBe(PROBLEM_LIMIT);
    const listed = ds.problems.filter((p) => p.message.startsWith('customer id appears'));
    expect(listed.map((p) => [p.file, p.line, p.value, p.message])).toEqual(
      reference.map((r) => [loaded[Number(r.f)]!.name, loaded[Number(r.f)]!.staging.lineOf(Number(r.rec)), r.customer_id, `customer id appears ${r.n} times in period ${r.period ?? '(none)'}`]),
    );
    // The repeat across the two February files is named at its second file's line.
    const t = await buildDataset(engine, loaded.slice(1));
    expect(t.problems.filter((p) => p.message.startsWith('customer id appears')).map((p) => [p.file, p.line, p.value])).toEqual([
      ['feb2_2025-02.csv', 3, 'A'],
      ['gaps.csv', 3, 'U'],
    ]);
    expect(t.problems.find((p) => p.value === 'U')?.message).toBe('customer id appears 2 times in period (none)');
    await engine.close();
  });

  test.each(ENGINES)('are counted the same by every strategy: grouped in DuckDB, sorted in JS, past the candidate limit (%s)', async (_name, open) => {
    const engine = await open();
    const csv = (rows: string[]) => new TextEncoder().encode(`客户号,AUM\n${rows.join('\n')}\n`);
    const a = await loadFile(engine, 'e1', { name: 'jan_2025-01.csv', bytes: csv(['A,1', 'B,2', 'A,3', 'C,4', 'C,5', 'C,6', 'D,7']) });
    const b = await loadFile(engine, 'e2', { name: 'feb_2025-02.csv', bytes: csv(['A,1', 'D,2', 'D,3', 'E,4']) });
    const ds = await buildDataset(engine, [a, b]);
    // A and C in January, D in February; A in both months is not a repeat.
    expect(ds.duplicateIds).toBe(3);
    // In-engine grouping (small data), hashes sorted here (big data), and past the candidate limit.
    for (const options of [{}, { groupInEngineRows: 0 }, { groupInEngineRows: 0, limit: 1 }]) {
      expect(await countDuplicateIds(engine, ds.table, ds.rows, options), JSON.stringify(options)).toBe(3);
    }
    // The candidates' table is gone again.
    expect(toRows(await engine.query("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = '__dup_hashes'"))).toEqual([{ n: 0 }]);
    await engine.close();
  });
});
