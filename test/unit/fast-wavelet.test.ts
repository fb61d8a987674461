import { describe, expect, test } from 'vitest';
import { BitVector, popcount32 } from '../../src/analysis/fast/bit-vector';
import { PointIndex, WaveletMatrix } from '../../src/analysis/fast/wavelet-matrix';
import { int, mulberry32, pick, randomColumn, randomThreshold, SIZES, type Rng } from './fast-prng';

/** Random column without NaN (PointIndex callers filter NaN); infinities kept as extremes. */
function finiteish(rng: Rng, n: number): Float64Array {
  return randomColumn(rng, n).map((v) => (Number.isNaN(v) ? pick(rng, [Infinity, -Infinity, 0]) : v));
}

describe('BitVector', () => {
  test('popcount32', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
  });

  test.each([0, 1, 31, 32, 33, 255, 256, 257, 1000, 5000])('rank and select match brute force, n = %i', (n) => {
    const rng = mulberry32(n + 1);
    for (const density of [0, 0.05, 0.5, 0.95, 1]) {
      const bits = Array.from({ length: n }, () => (rng() < density ? 1 : 0));
      const bv = BitVector.build(n, (i) => bits[i] as number);
      let ones = 0;
      const onesAt: number[] = [];
      const zerosAt: number[] = [];
      const ranks: number[] = [];
      for (let i = 0; i <= n; i++) {
        ranks.push(ones);
        if (i < n) (bits[i] ? onesAt : zerosAt).push(i);
        if (i < n && bits[i]) ones++;
      }
      expect(Array.from({ length: n + 1 }, (_, i) => bv.rank1(i))).toEqual(ranks);
      expect(Array.from({ length: n }, (_, i) => bv.get(i))).toEqual(bits);
      expect(bv.ones).toBe(ones);
      expect(bv.rank0(n)).toBe(n - ones);
      expect(Array.from({ length: onesAt.length + 1 }, (_, k) => bv.select1(k))).toEqual([...onesAt, -1]);
      expect(Array.from({ length: zerosAt.length + 1 }, (_, k) => bv.select0(k))).toEqual([...zerosAt, -1]);
    }
  });
});

describe('WaveletMatrix', () => {
  test.each([0, 1, 2, 10, 1000])('access and countLess match brute force, n = %i', (n) => {
    const rng = mulberry32(100 + n);
    for (const sigma of [1, 2, 3, 7, 8, 9, 1000, 70000]) {
      const values = new Uint32Array(n).map(() => int(rng, sigma));
      const wm = WaveletMatrix.build(values, sigma);
      expect(Array.from({ length: n }, (_, i) => wm.access(i))).toEqual(Array.from(values));
      for (let q = 0; q < 50; q++) {
        const l = int(rng, n + 1);
        const r = int(rng, n + 1);
        const c = pick(rng, [0, sigma, sigma + 5, int(rng, sigma + 1)]);
        let expected = 0;
        for (let i = l; i < r; i++) if ((values[i] as number) < c) expected++;
        expect(wm.countLess(l, r, c)).toBe(expected);
      }
    }
  });
});

describe('PointIndex.countRect vs brute force', () => {
  test.each(SIZES)('random points with ties and infinities, n = %i', (n) => {
    const rng = mulberry32(777 + n);
    for (let rep = 0; rep < (n >= 1000 ? 6 : 40); rep++) {
      const x = finiteish(rng, n);
      const y = finiteish(rng, n);
      const idx = PointIndex.build(x, y);
      expect(idx.size).toBe(n);
      for (let q = 0; q < 40; q++) {
        const [xLo, xHi, yLo, yHi] = [randomThreshold(rng, x), randomThreshold(rng, x), randomThreshold(rng, y), randomThreshold(rng, y)];
        let expected = 0;
        for (let i = 0; i < n; i++) {
          const a = x[i] as number;
          const b = y[i] as number;
          if (a >= xLo && a < xHi && b >= yLo && b < yHi) expected++;
        }
        expect(idx.countRect(xLo, xHi, yLo, yHi)).toBe(expected);
        // Strict cuts: x > xLo and y > yLo, dominance from the top-right corner.
        let strict = 0;
        for (let i = 0; i < n; i++) if ((x[i] as number) <= xLo && (y[i] as number) <= yLo) strict++;
        expect(idx.countBelowCuts(idx.xCut({ value: xLo, strict: true }), idx.yCut({ value: yLo, strict: true }))).toBe(strict);
      }
    }
  });

  test('explicit cases', () => {
    const idx = PointIndex.build(new Float64Array([1, 1, 2, 2, 3]), new Float64Array([5, 6, 5, 5, 7]));
    expect(idx.countRect(-Infinity, Infinity, -Infinity, Infinity)).toBe(5);
    expect(idx.countRect(1, 2, 5, 6)).toBe(1);
    expect(idx.countRect(2, 3, 5, 6)).toBe(2);
    expect(idx.countRect(2, 2, -Infinity, Infinity)).toBe(0);
    expect(idx.countRect(3, 1, -Infinity, Infinity)).toBe(0);
    expect(idx.countRect(-Infinity, Infinity, 5.5, 100)).toBe(2);
    expect(idx.countRect(-Infinity, Infinity, 7, Infinity)).toBe(1);
    expect(() => idx.countRect(NaN, 1, 0, 1)).toThrow(RangeError);
    expect(() => PointIndex.build(new Float64Array([NaN]), new Float64Array([1]))).toThrow(RangeError);
    expect(() => PointIndex.build(new Float64Array(1), new Float64Array(2))).toThrow(RangeError);
    const empty = PointIndex.build(new Float64Array(0), new Float64Array(0));
    expect(empty.countRect(-Infinity, Infinity, -Infinity, Infinity)).toBe(0);
  });
});
