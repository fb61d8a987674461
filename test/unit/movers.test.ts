import { describe, expect, test } from 'vitest';
import { SortedColumn } from '../../src/analysis/fast/sorted-column';
import { ladderMovers } from '../../src/analysis/movers';

const bucketOf = (v: number, bounds: number[]) => {
  const i = bounds.findIndex((b) => v >= b);
  return i < 0 ? bounds.length : i;
};

describe('movers between a saved and a new ladder', () => {
  test('hand example: lowering the top bound moves the values between the bounds up', () => {
    const values = Float64Array.from([10, 20, 30, 40, 50, 60, 70]);
    const col = SortedColumn.build(values);
    const m = ladderMovers(col, [60, 30], [40, 30]);
    expect(m).toMatchObject({ up: 2, down: 0, upCents: (40 + 50) * 100 });
    expect(m.cells).toEqual([{ from: 1, to: 0, count: 2, cents: 9000 }]);
  });

  test('random ladders agree with a per-value brute force (ties on bounds included)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values = Float64Array.from({ length: 3000 }, () => Math.round(rnd() * 1000));
    const col = SortedColumn.build(values);
    for (let k = 0; k < 200; k++) {
      const ladder = () => [...new Set([0, 0, 0].map(() => Math.round(rnd() * 1000)))].sort((a, b) => b - a);
      const a = ladder();
      const b = ladder().slice(0, a.length);
      while (b.length < a.length) b.push((b.at(-1) ?? 1000) - 1);
      let up = 0;
      let down = 0;
      for (const v of values) {
        const from = bucketOf(v, a);
        const to = bucketOf(v, b);
        if (to < from) up++;
        else if (to > from) down++;
      }
      const m = ladderMovers(col, a, b);
      expect([m.up, m.down]).toEqual([up, down]);
    }
  });
});
