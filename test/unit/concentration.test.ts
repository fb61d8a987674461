import { describe, expect, test } from 'vitest';
import { gini, lorenz, MAX_CURVE_POINTS, pareto, sortAmounts, topShare } from '../../src/analysis/concentration';

describe('gini', () => {
  test.each([
    // equal amounts: every (2i − n − 1) weight cancels → 0
    [[5, 5, 5, 5], 0],
    // [0,0,0,1]: only i = 4 counts: (2·4 − 4 − 1)·1 / (4·1) = 3/4
    [[0, 0, 0, 1], 0.75],
    // [0, 1]: (2·2 − 2 − 1)·1 / (2·1) = 1/2 = (n − 1)/n, the most a book of two can reach
    [[1, 0], 0.5],
    // [1..5] (given unsorted): Σ(2i − 6)x_i = −4·1 − 2·2 + 0·3 + 2·4 + 4·5 = 20; G = 20 / (5·15) = 4/15.
    // Cross-check with the mean absolute difference: Σ_i Σ_j |x_i − x_j| = 2·20 = 40, 2n²μ = 2·25·3 = 150, 40/150 = 4/15.
    [[3, 1, 5, 2, 4], 4 / 15],
    // [10, 20, 30, 40]: Σ(2i − 5)x_i = −3·10 − 1·20 + 1·30 + 3·40 = 100; G = 100 / (4·100) = 0.25
    [[10, 20, 30, 40], 0.25],
  ])('gini(%j) = %f', (xs, g) => {
    expect(gini(xs).gini).toBeCloseTo(g, 12);
    expect(gini(Float64Array.from(xs)).gini).toBeCloseTo(g, 12);
  });

  test('negative, NaN and infinite amounts are excluded and counted', () => {
    const r = gini([5, -1, NaN, 5, Infinity]);
    expect(r).toEqual({ gini: 0, n: 2, excluded: 3 });
  });

  test('no valid amounts: NaN; all zero: 0 (everyone holds the same)', () => {
    expect(gini([]).gini).toBeNaN();
    expect(gini([NaN]).excluded).toBe(1);
    expect(gini([0, 0]).gini).toBe(0);
  });

  test('equals 1 − Σ (x_k − x_{k−1})(y_k + y_{k−1}) over the (unsampled) Lorenz curve', () => {
    const xs = [120, 3, 0, 45, 45, 900, 7, 61, 2, 15];
    const pts = lorenz(xs).points;
    let area = 0;
    for (let k = 1; k < pts.length; k++) area += (pts[k]!.x - pts[k - 1]!.x) * (pts[k]!.y + pts[k - 1]!.y);
    expect(gini(xs).gini).toBeCloseTo(1 - area, 12);
  });
});

describe('lorenz and pareto', () => {
  test('small book: one point per customer, ascending (Lorenz) and descending (Pareto)', () => {
    // [4, 1, 3, 2], total 10. Ascending 1, 2, 3, 4 → cumulative 1, 3, 6, 10.
    const l = lorenz([4, 1, 3, 2]);
    expect(l.points.map((p) => [p.x, p.y])).toEqual([
      [0, 0],
      [0.25, 0.1],
      [0.5, 0.3],
      [0.75, 0.6],
      [1, 1],
    ]);
    expect(l).toMatchObject({ n: 4, total: 10, excluded: 0 });
    // Descending 4, 3, 2, 1 → cumulative 4, 7, 9, 10.
    expect(pareto([4, 1, 3, 2]).points.map((p) => [p.x, p.y])).toEqual([
      [0, 0],
      [0.25, 0.4],
      [0.5, 0.7],
      [0.75, 0.9],
      [1, 1],
    ]);
  });

  test.each([200, 201, 401, 1000, 12345])('n = %i is sampled to at most 201 points from (0,0) to (1,1)', (n) => {
    const xs = Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
    for (const curve of [lorenz(xs), pareto(xs)]) {
      const pts = curve.points;
      expect(pts.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
      expect(pts.length).toBe(Math.min(n, 200) + 1);
      expect(pts[0]).toEqual({ x: 0, y: 0 });
      expect(pts.at(-1)).toEqual({ x: 1, y: 1 });
      for (let k = 1; k < pts.length; k++) {
        expect(pts[k]!.x).toBeGreaterThan(pts[k - 1]!.x);
        expect(pts[k]!.y).toBeGreaterThanOrEqual(pts[k - 1]!.y);
      }
    }
  });

  test('sampled points are exact cumulative shares: 1000 equal amounts lie on the diagonal', () => {
    const pts = lorenz(new Float64Array(1000).fill(3)).points;
    pts.forEach((p, k) => {
      expect(p.x).toBeCloseTo(k / 200, 12);
      expect(p.y).toBeCloseTo(k / 200, 12);
    });
  });

  test('all-zero amounts give the diagonal; no amounts give no points', () => {
    expect(lorenz([0, 0]).points).toEqual([
      { x: 0, y: 0 },
      { x: 0.5, y: 0.5 },
      { x: 1, y: 1 },
    ]);
    expect(lorenz([-5, NaN])).toEqual({ points: [], n: 0, total: 0, excluded: 2 });
  });
});

describe('topShare', () => {
  test.each([
    // 1..10, total 55; top 20% = ceil(2) = 2 customers: 10 + 9 = 19 → 19/55
    [Array.from({ length: 10 }, (_, i) => i + 1), 0.2, 2, 19 / 55],
    // 1..7, total 28; ceil(1.4) = 2: 7 + 6 = 13 → 13/28
    [Array.from({ length: 7 }, (_, i) => i + 1), 0.2, 2, 13 / 28],
    // 5 customers, ceil(1) = 1: the largest, 100 of 104
    [[1, 1, 100, 1, 1], 0.2, 1, 100 / 104],
    // 0.07 · 100 is 7.000000000000001 in floating point; still 7 customers: 100 + … + 94 = 679 of 5050
    [Array.from({ length: 100 }, (_, i) => i + 1), 0.07, 7, 679 / 5050],
    // a tiny fraction still names one customer
    [[2, 8], 1e-12, 1, 0.8],
    [[2, 8], 1, 2, 1],
  ])('top of %j at %f: %i customers hold %f', (xs, f, k, share) => {
    const r = topShare(xs, f);
    expect(r.topCount).toBe(k);
    expect(r.share).toBeCloseTo(share, 12);
  });

  test('default fraction is 20%; invalid amounts excluded and counted', () => {
    expect(topShare([5, 5, 5, 5, 80, -3, NaN])).toEqual({ share: 0.8, topCount: 1, n: 5, excluded: 2 });
  });

  test('all zero → equal shares; none → NaN; bad fraction throws', () => {
    expect(topShare([0, 0, 0, 0, 0]).share).toBeCloseTo(0.2, 12);
    expect(topShare([]).share).toBeNaN();
    expect(() => topShare([1], 0)).toThrow(/fraction/);
    expect(() => topShare([1], 1.5)).toThrow(/fraction/);
  });

  test('a pre-sorted input is reused by every measure', () => {
    const s = sortAmounts([3, -1, 1, 2]);
    expect(Array.from(s.values)).toEqual([1, 2, 3]);
    expect(s).toMatchObject({ total: 6, excluded: 1 });
    expect(gini(s).gini).toBeCloseTo((-2 * 1 + 0 * 2 + 2 * 3) / (3 * 6), 12);
    expect(topShare(s, 0.34).share).toBeCloseTo(5 / 6, 12); // ceil(1.02) = 2 customers: (3 + 2) / 6
    expect(lorenz(s).excluded).toBe(1);
  });
});
