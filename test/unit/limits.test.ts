import { expect, test } from 'vitest';
import { sizeRefusal } from '../../src/ingest/limits';

test.each([
  ['month.csv', 50 * 1024 ** 2, undefined],
  ['huge.csv', 2 * 1024 ** 3, /huge\.csv: 2\.0 GB is more than this browser tab can hold \(limit 400 MB/],
  ['panel.parquet', 500 * 1024 ** 2, undefined],
  ['big.parquet', 900 * 1024 ** 2, /big\.parquet: 900 MB .*limit 800 MB/],
  ['book.xlsx', 200 * 1024 ** 2, /limit 150 MB/],
])('%s (%d bytes)', (name, size, expected) => {
  const r = sizeRefusal(name, size);
  if (expected === undefined) expect(r).toBeUndefined();
  else expect(r).toMatch(expected);
});
