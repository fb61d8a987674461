import { describe, expect, test } from 'vitest';
import { repeatedValues } from '../../src/ingest/duplicates';

const big = (xs: (number | bigint)[]) => BigUint64Array.from(xs, (x) => BigInt(x));

describe('repeated (id, period) hashes', () => {
  test.each<[string, (number | bigint)[], (number | bigint)[]]>([
    ['none', [5, 1, 3], []],
    ['empty input', [], []],
    ['one pair', [7, 2, 7], [7]],
    ['three copies count once', [4, 4, 9, 4], [4]],
    ['several, ascending', [9, 1, 9, 3, 1, 3, 3], [1, 3, 9]],
    // Equal low words, different high words: not a repeat (the comparison uses both words).
    ['same low 32 bits only', [2n ** 32n + 5n, 5n, 2n ** 33n + 5n], []],
    ['top of the range', [2n ** 64n - 1n, 0, 2n ** 64n - 1n], [2n ** 64n - 1n]],
  ])('%s', (_name, input, expected) => {
    expect([...repeatedValues(big(input))!]).toEqual(expected.map(BigInt));
  });

  test('more repeats than the limit: undefined (ids repeat by nature; SQL groups them)', () => {
    expect(repeatedValues(big([1, 1, 2, 2, 3, 3]), 2)).toBeUndefined();
    expect([...repeatedValues(big([1, 1, 2, 2]), 2)!]).toEqual([1n, 2n]);
  });
});
