import { describe, expect, test } from 'vitest';
import {
  DATA_ROWS_THRESHOLD,
  NotebookFileError,
  assertNoData,
  fileRefs,
  makeNotebookDoc,
  parseNotebookFile,
  serializeNotebook,
  type NotebookDoc,
} from '../../src/persist/notebook-file';

const when = new Date('2025-01-31T09:30:00.000Z');

function sampleDoc(): NotebookDoc {
  return makeNotebookDoc(
    {
      notebook: { title: '零售客户分级', cells: [{ id: 'c1', kind: 'sql', source: 'SELECT 1' }, { id: 'c2', kind: 'chart', chart: 'lorenz' }] },
      scheme: { tiers: [{ name: '私行', min: 6_000_000 }, { name: '财富', min: 500_000 }] },
      mapping: { '客户.xlsx': { customerId: '客户号', aum: '金融资产' }, 'a.csv': { z: 'Z', a: 'A' } },
      files: [{ name: '客户.xlsx', size: 1_234_567, lastModified: 1_735_689_600_000 }],
      view: { tab: 'report' },
    },
    when,
  );
}

function parseObject(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

describe('serializeNotebook', () => {
  test('writes the envelope in a fixed key order with 2-space indent', () => {
    const text = serializeNotebook(sampleDoc());
    expect(Object.keys(parseObject(text))).toEqual(['format', 'version', 'savedAt', 'app', 'notebook', 'scheme', 'mapping', 'files', 'view']);
    expect(text).toMatch(/^\{\n {2}"format": "tierlens-notebook",\n {2}"version": 1,\n {2}"savedAt": "2025-01-31T09:30:00.000Z",\n {2}"app": "TierLens",/);
    expect(text.endsWith('}\n')).toBe(true);
  });

  test('is stable: the same content built in another key order gives the same text', () => {
    const a = sampleDoc();
    const b: NotebookDoc = {
      view: a.view,
      files: [{ lastModified: 1_735_689_600_000, size: 1_234_567, name: '客户.xlsx' }],
      mapping: { 'a.csv': { a: 'A', z: 'Z' }, '客户.xlsx': { aum: '金融资产', customerId: '客户号' } },
      scheme: a.scheme,
      notebook: a.notebook,
      app: 'TierLens',
      savedAt: a.savedAt,
      version: 1,
      format: 'tierlens-notebook',
    };
    expect(serializeNotebook(b)).toBe(serializeNotebook(a));
    const mapping = parseObject(serializeNotebook(a))['mapping'] as Record<string, Record<string, string>>;
    expect(Object.keys(mapping)).toEqual(['a.csv', '客户.xlsx']);
    expect(Object.keys(mapping['a.csv']!)).toEqual(['a', 'z']);
  });

  test('round-trips through parseNotebookFile', () => {
    const doc = sampleDoc();
    const parsed = parseNotebookFile(serializeNotebook(doc));
    expect(parsed).toEqual({ ok: true, doc });
  });

  test('fileRefs copies only identity fields (never content)', () => {
    const file = { name: 'x.csv', size: 10, lastModified: 5, text: () => 'a,b', rows: [[1, 2]] };
    expect(fileRefs([file])).toEqual([{ name: 'x.csv', size: 10, lastModified: 5 }]);
  });

  test('refuses values JSON cannot carry and invalid envelopes', () => {
    const withMap = { ...sampleDoc(), notebook: { cells: [], cache: new Map() } };
    expect(() => serializeNotebook(withMap)).toThrow(/notebook\.cache.*Map/);
    const withNaN = { ...sampleDoc(), view: { zoom: Number.NaN } };
    expect(() => serializeNotebook(withNaN)).toThrow(/view\.zoom/);
    const cyclic: Record<string, unknown> = { cells: [] };
    cyclic['self'] = cyclic;
    expect(() => serializeNotebook({ ...sampleDoc(), notebook: cyclic as NotebookDoc['notebook'] })).toThrow(/circular/);
    expect(() => serializeNotebook({ ...sampleDoc(), notebook: { cells: [undefined] } })).toThrow(/notebook\.cells\[0\]/);
    expect(() => serializeNotebook({ ...sampleDoc(), files: [{ name: '', size: 1 }] })).toThrow(NotebookFileError);
    // undefined properties are fine (JSON drops them)
    expect(() => serializeNotebook({ ...sampleDoc(), view: { selected: undefined } })).not.toThrow();
  });

  test('refuses to write data rows', () => {
    const rows = Array.from({ length: DATA_ROWS_THRESHOLD }, (_, i) => ({ 客户号: `C${i}`, 金融资产: i * 1000 }));
    const doc = { ...sampleDoc(), notebook: { cells: [{ id: 'c1', kind: 'sql', result: rows }] } };
    expect(() => serializeNotebook(doc)).toThrow(/data rows at "notebook\.cells\[0\]\.result"/);
  });
});

describe('parseNotebookFile', () => {
  const good = () => parseObject(serializeNotebook(sampleDoc()));
  const withField = (patch: Record<string, unknown>) => JSON.stringify({ ...good(), ...patch });

  test('not JSON', () => {
    const r = parseNotebookFile('{"format": "tierlens-notebook",');
    expect(r).toMatchObject({ ok: false, code: 'not-json' });
    expect(!r.ok && r.error).toMatch(/not valid JSON/);
    expect(parseNotebookFile('')).toMatchObject({ ok: false, code: 'not-json' });
  });

  test('wrong format', () => {
    expect(parseNotebookFile('[1,2]')).toMatchObject({ ok: false, code: 'wrong-format' });
    expect(parseNotebookFile('"text"')).toMatchObject({ ok: false, code: 'wrong-format' });
    const other = parseNotebookFile(JSON.stringify({ format: 'jupyter', cells: [] }));
    expect(other).toMatchObject({ ok: false, code: 'wrong-format' });
    expect(!other.ok && other.error).toMatch(/"format" is "jupyter"/);
    expect(parseNotebookFile('{}')).toMatchObject({ ok: false, code: 'wrong-format', error: expect.stringMatching(/no "format" field/) });
  });

  test('too new, reported before any other field', () => {
    const r = parseNotebookFile(JSON.stringify({ format: 'tierlens-notebook', version: 3, somethingElse: true }));
    expect(r).toEqual({
      ok: false,
      code: 'too-new',
      field: 'version',
      error: 'this file was saved by a newer TierLens (version 3); this app reads version 1',
      said: { code: 'nfTooNew', params: { version: 3, supported: 1 } },
    });
  });

  test('missing or invalid fields are named', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ version: '1' }, 'version'],
      [{ version: 0 }, 'version'],
      [{ version: 1.5 }, 'version'],
      [{ app: 'Other' }, 'app'],
      [{ savedAt: 'yesterday' }, 'savedAt'],
      [{ savedAt: undefined }, 'savedAt'],
      [{ notebook: [] }, 'notebook'],
      [{ notebook: { title: 'x' } }, 'notebook.cells'],
      [{ notebook: { cells: {} } }, 'notebook.cells'],
      [{ files: undefined }, 'files'],
      [{ files: [{ name: 'a.csv', size: 1 }, 'b.csv'] }, 'files[1]'],
      [{ files: [{ name: 'a.csv', size: -1 }] }, 'files[0].size'],
      [{ files: [{ name: 'a.csv', size: '1' }] }, 'files[0].size'],
      [{ files: [{ size: 1 }] }, 'files[0].name'],
      [{ files: [{ name: 'a.csv', size: 1, lastModified: 'x' }] }, 'files[0].lastModified'],
      [{ mapping: [] }, 'mapping'],
      [{ mapping: { 'a.csv': 'x' } }, 'mapping["a.csv"]'],
      [{ mapping: { 'a.csv': { aum: 1 } } }, 'mapping["a.csv"].aum'],
    ];
    for (const [patch, field] of cases) {
      const r = parseNotebookFile(withField(patch));
      expect(r, JSON.stringify(patch)).toMatchObject({ ok: false, code: 'invalid-field', field });
      expect(!r.ok && r.error).toContain(`"${field}"`);
    }
    expect(parseNotebookFile(withField({ savedAt: undefined }))).toMatchObject({ error: expect.stringMatching(/missing field "savedAt"/) });
  });

  test('optional fields may be absent; unknown keys are dropped; a BOM is ignored', () => {
    const { scheme: _s, mapping: _m, view: _v, ...minimal } = good();
    const r = parseNotebookFile(`\ufeff${JSON.stringify({ ...minimal, files: [{ name: 'a.csv', size: 3, rows: [[1]] }], extra: 1 })}`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.doc)).toEqual(['format', 'version', 'savedAt', 'app', 'notebook', 'files']);
    expect(r.doc.files).toEqual([{ name: 'a.csv', size: 3 }]);
  });

  test('a file carrying a dataset is refused as a whole', () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ id: i, aum: i }));
    const r = parseNotebookFile(withField({ view: { table: { rows } } }));
    expect(r).toMatchObject({ ok: false, code: 'contains-data', field: 'view.table.rows' });
  });
});

describe('assertNoData heuristic', () => {
  const records = (n: number) => Array.from({ length: n }, (_, i) => ({ a: i, b: `x${i}` }));

  test('≥ 50 records of one shape are data; 49 are not', () => {
    expect(() => assertNoData({ x: records(49) })).not.toThrow();
    expect(() => assertNoData({ x: records(50) })).toThrow(NotebookFileError);
  });

  test('rows as arrays are data too', () => {
    expect(() => assertNoData({ m: Array.from({ length: 50 }, (_, i) => [i, `n${i}`, true]) })).toThrow(/"m"/);
    expect(() => assertNoData({ ids: Array.from({ length: 500 }, (_, i) => `C${i}`) })).not.toThrow(); // a list of ids is not rows
  });

  test('mixed shapes are not data', () => {
    const mixed = [...records(40), ...Array.from({ length: 20 }, () => ({ a: 1, c: 2 }))];
    expect(() => assertNoData({ x: mixed })).not.toThrow();
  });

  test('many same-shaped cells or files are allowed, data inside a cell is not', () => {
    const cells = Array.from({ length: 80 }, (_, i) => ({ id: `c${i}`, kind: 'note', text: '说明' }));
    const files = Array.from({ length: 60 }, (_, i) => ({ name: `f${i}.csv`, size: i }));
    expect(() => assertNoData({ notebook: { cells }, files })).not.toThrow();
    const doc = { ...sampleDoc(), notebook: { cells: [...cells, { id: 'x', kind: 'sql', cache: { rows: records(100) } }] } };
    expect(() => serializeNotebook(doc)).toThrow(/notebook\.cells\[80\]\.cache\.rows/);
  });
});
