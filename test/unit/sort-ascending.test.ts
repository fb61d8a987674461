import { describe, expect, test } from 'vitest';
import { sortAscending } from '../../src/analysis/sort-ascending';
import { sortValues } from '../../src/analysis/sensitivity';
import { sortAmounts } from '../../src/analysis/concentration';

describe('sortAscending', () => {
  test.each([
    ['empty', [], []],
    ['one', [3], [3]],
    ['already ascending, ties', [1, 2, 2, 5], [1, 2, 2, 5]],
    ['descending', [5, 2, 1], [1, 2, 5]],
    ['one pair out of order at the end', [1, 2, 3, 9, 4], [1, 2, 3, 4, 9]],
    ['negatives and zeros', [0, -1, 5, -10, 0], [-10, -1, 0, 0, 5]],
  ])('%s', (_name, input, expected) => {
    const a = Float64Array.from(input);
    const out = sortAscending(a);
    expect(Array.from(out)).toEqual(expected);
    // In place either way: no new array.
    expect(out).toBe(a);
  });

  test('views sorting an unsorted column get the same numbers as from its sorted copy', () => {
    const values = Float64Array.from([7, NaN, 1, 3, Infinity, 3, 0.5]);
    const sorted = Float64Array.from([0.5, 1, 3, 3, 7]);
    expect(Array.from(sortValues(values).sorted)).toEqual(Array.from(sortValues(sorted).sorted));
    expect(Array.from(sortValues(values).prefix)).toEqual([0, 0.5, 1.5, 4.5, 7.5, 14.5]);
    expect(sortAmounts(values).total).toBe(sortAmounts(sorted).total);
    expect(Array.from(sortAmounts(values).values)).toEqual(Array.from(sorted));
  });
});
