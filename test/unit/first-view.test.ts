import { describe, expect, test } from 'vitest';
import { asFirstViewSnapshot, decodeValue, encodeValue, viewKey } from '../../src/app/first-view';
import { sameData } from '../../src/app/same';

/** Through JSON and back, as the shipped snapshot file goes. */
const roundTrip = (v: unknown) => decodeValue(JSON.parse(JSON.stringify(encodeValue(v))));

describe('first-view snapshot values survive JSON unchanged (so live results equal to them keep the chart)', () => {
  test.each<[string, unknown]>([
    ['NaN', Number.NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['-0', -0],
    ['0', 0],
    ['a field holding undefined', { a: undefined, b: 1 }],
    ['Float64Array with NaN', Float64Array.from([1.5, Number.NaN, -0])],
    ['Int32Array', Int32Array.from([-3, 7])],
    ['nested rows', { rows: [{ branch: '城东支行', n: 3, share: 0.25, tier: null }], counts: [[1, 2], [3, 4]] }],
    ['strings that look like numbers', ['NaN', '-0', '1e3']],
  ])('%s', (_name, value) => {
    const back = roundTrip(value);
    expect(sameData(back, value)).toBe(true);
  });

  test('a value that is not plain data is refused rather than written wrong', () => {
    expect(() => encodeValue(new Map([[1, 2]]))).toThrow(/Map/);
    expect(() => encodeValue({ when: new Date(0) })).toThrow(/Date/);
  });
});

describe('view keys', () => {
  const cell = { view: 'tiers' as const, options: { period: 'period' } };
  test('ignore the data input and the order of inputs', () => {
    expect(viewKey(cell, { scheme: { id: 's' }, period: '2025-12', data: { rows: 1 } }, null)).toBe(viewKey(cell, { period: '2025-12', scheme: { id: 's' }, data: { rows: 2 } }, null));
  });
  test.each<[string, Record<string, unknown>, unknown]>([
    ['another parameter value', { scheme: { id: 's' }, period: '2025-11' }, null],
    ['another scheme', { scheme: { id: 't' }, period: '2025-12' }, null],
    ['another saved scheme', { scheme: { id: 's' }, period: '2025-12' }, { id: 'old' }],
  ])('change with %s', (_name, inputs, saved) => {
    expect(viewKey(cell, inputs, saved)).not.toBe(viewKey(cell, { scheme: { id: 's' }, period: '2025-12' }, null));
  });
});

describe('a fetched snapshot is checked before use', () => {
  const good = { format: 'tierlens-first-view', version: 1, sample: { name: 'x.parquet', bytes: 1 }, dataset: { periods: ['2025-12'], rows: 1 }, views: {} };
  test('a good one is taken, its dataset decoded', () => {
    expect(asFirstViewSnapshot(good)?.dataset.periods).toEqual(['2025-12']);
  });
  test.each<[string, unknown]>([
    ['another format', { ...good, format: 'other' }],
    ['another version', { ...good, version: 2 }],
    ['no dataset', { ...good, dataset: undefined }],
    ['no periods', { ...good, dataset: { rows: 1 } }],
    ['not an object', 'text'],
  ])('%s is ignored', (_name, value) => {
    expect(asFirstViewSnapshot(value)).toBeUndefined();
  });
});
