import { describe, expect, test } from 'vitest';
import { lowerBound, rangeStats, sortValues, thresholdSensitivity, upperBound } from '../../src/analysis/sensitivity';

describe('sorted-array helpers', () => {
  const xs = Float64Array.from([1, 2, 2, 2, 5, 9]);
  test.each([
    [0, 0, 0],
    [1, 0, 1],
    [2, 1, 4],
    [3, 4, 4],
    [5, 4, 5],
    [9, 5, 6],
    [10, 6, 6],
  ])('x = %f: lowerBound %i, upperBound %i', (x, lb, ub) => {
    expect(lowerBound(xs, x)).toBe(lb);
    expect(upperBound(xs, x)).toBe(ub);
  });

  test('lowerBound of an empty array is 0', () => expect(lowerBound([], 3)).toBe(0));

  test('rangeStats counts [lo, hi) with prefix sums; NaN dropped as missing', () => {
    const s = sortValues([5, NaN, 2, 9, 2, 1, 2]);
    expect(s.missing).toBe(1);
    expect(Array.from(s.prefix)).toEqual([0, 1, 3, 5, 7, 12, 21]);
    expect(rangeStats(s, 2, 5)).toEqual({ count: 3, sum: 6 }); // 2, 2, 2 — 5 excluded
    expect(rangeStats(s, 2, 5.0001)).toEqual({ count: 4, sum: 11 });
    expect(rangeStats(s, 5, 2)).toEqual({ count: 0, sum: 0 });
  });
});

describe('thresholdSensitivity: retail-aum bounds with values exactly on old and new bounds', () => {
  const BOUNDS = [
    { tier: 'private', min: 5_000_000 },
    { tier: 'vip', min: 500_000 },
    { tier: 'affluent', min: 100_000 },
    { tier: 'wealth', min: 50_000 },
  ];
  const VALUES = Float64Array.from([
    45_000, 47_500, 49_999, 50_000, 52_499, 52_500, 54_999, 55_000, // around wealth 50,000
    90_000, 99_999, 100_000, 104_999, 110_000, // around affluent 100,000
    450_000, 500_000, 549_999, 550_000, // around vip 500,000
    4_500_000, 5_000_000, 5_250_000, // around private 5,000,000
    NaN, NaN, // missing → unrated, never moved
  ]);
  const r = thresholdSensitivity(VALUES, BOUNDS);

  // Moving L to L' < L moves [L', L) up; to L' > L moves [L, L') down.
  test.each([
    // wealth 50,000
    ['wealth', -0.1, 45_000, 'up', 3, 45_000 + 47_500 + 49_999], // [45,000, 50,000): 45,000 (on the new bound) in, 50,000 out
    ['wealth', -0.05, 47_500, 'up', 2, 47_500 + 49_999],
    ['wealth', 0.05, 52_500, 'down', 2, 50_000 + 52_499], // [50,000, 52,500): 52,500 stays in wealth
    ['wealth', 0.1, 55_000, 'down', 4, 50_000 + 52_499 + 52_500 + 54_999], // 55,000 stays (50,000 × 1.1 must not be 55000.00000000001)
    // affluent 100,000
    ['affluent', -0.1, 90_000, 'up', 2, 90_000 + 99_999],
    ['affluent', -0.05, 95_000, 'up', 1, 99_999],
    ['affluent', 0.05, 105_000, 'down', 2, 100_000 + 104_999],
    ['affluent', 0.1, 110_000, 'down', 2, 100_000 + 104_999], // 110,000 exactly on the new bound stays
    // vip 500,000
    ['vip', -0.1, 450_000, 'up', 1, 450_000],
    ['vip', -0.05, 475_000, 'up', 0, 0],
    ['vip', 0.05, 525_000, 'down', 1, 500_000],
    ['vip', 0.1, 550_000, 'down', 2, 500_000 + 549_999],
    // private 5,000,000
    ['private', -0.1, 4_500_000, 'up', 1, 4_500_000],
    ['private', -0.05, 4_750_000, 'up', 0, 0],
    ['private', 0.05, 5_250_000, 'down', 1, 5_000_000],
    ['private', 0.1, 5_500_000, 'down', 2, 5_000_000 + 5_250_000],
  ] as const)('%s %f → %f: %s, %i customers, amount %f', (tier, move, newMin, direction, customers, amount) => {
    const m = r.moves.find((x) => x.tier === tier && x.move === move)!;
    expect(m).toMatchObject({ newMin, direction, customers, crossesNeighbour: false });
    expect(m.amount).toBeCloseTo(amount, 6);
  });

  test('16 rows, bound by bound in ladder order; missing values counted separately', () => {
    expect(r.moves.map((m) => `${m.tier}${m.move}`).slice(0, 5)).toEqual(['private-0.1', 'private-0.05', 'private0.05', 'private0.1', 'vip-0.1']);
    expect(r.moves).toHaveLength(16);
    expect(r.n).toBe(20);
    expect(r.missing).toBe(2);
  });

  test('a SortedValues from sortValues can be passed again without re-sorting', () => {
    const again = thresholdSensitivity(sortValues(VALUES), BOUNDS);
    expect(again).toEqual(r);
  });
});

describe('thresholdSensitivity: edge cases', () => {
  test('a zero bound does not move; crossing a neighbour is flagged', () => {
    const r = thresholdSensitivity([0, 1, 95, 100], [
      { tier: 'a', min: 100 },
      { tier: 'b', min: 95 },
      { tier: 'c', min: 0 },
    ], [-0.1, 0.1]);
    const get = (tier: string, move: number) => r.moves.find((m) => m.tier === tier && m.move === move)!;
    // a −10% → 90: passes b's 95. [90, 100) holds 95 → 1 customer.
    expect(get('a', -0.1)).toMatchObject({ newMin: 90, customers: 1, crossesNeighbour: true });
    // b +10% → 104.5: passes a's 100. [95, 104.5) holds 95 and 100.
    expect(get('b', 0.1)).toMatchObject({ newMin: 104.5, customers: 2, crossesNeighbour: true });
    expect(get('c', 0.1)).toMatchObject({ newMin: 0, direction: 'none', customers: 0, crossesNeighbour: false });
  });

  test('with a negative bound, +10% lowers it and moves customers up', () => {
    const r = thresholdSensitivity([-105, -100, -95], [{ tier: 'ok', min: -100 }], [0.1]);
    // −100 × 1.1 = −110: [−110, −100) holds −105.
    expect(r.moves[0]).toMatchObject({ newMin: -110, direction: 'up', customers: 1, amount: -105 });
  });

  test('rejects unordered or non-finite bounds and bad moves', () => {
    expect(() => thresholdSensitivity([], [{ tier: 'a', min: 1 }, { tier: 'b', min: 2 }])).toThrow(/must decrease/);
    expect(() => thresholdSensitivity([], [{ tier: 'a', min: 1 }, { tier: 'b', min: 1 }])).toThrow(/must decrease/);
    expect(() => thresholdSensitivity([], [{ tier: 'a', min: NaN }])).toThrow(/not a finite number/);
    expect(() => thresholdSensitivity([], [{ tier: 'a', min: 1 }], [-1])).toThrow(/above -1/);
  });
});
