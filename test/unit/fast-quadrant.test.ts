import { describe, expect, test } from 'vitest';
import { QuadrantIndex } from '../../src/analysis/fast/quadrant';
import { mulberry32, randomColumn, randomThreshold, SIZES } from './fast-prng';

function bruteQuadrant(x: Float64Array, y: Float64Array, xc: number, yc: number) {
  const r = { hh: 0, lh: 0, hl: 0, ll: 0, unrated: 0 };
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) r.unrated++;
    else if (a >= xc) b >= yc ? r.hh++ : r.hl++;
    else b >= yc ? r.lh++ : r.ll++;
  }
  return r;
}

describe('QuadrantIndex vs brute force', () => {
  test.each(SIZES)('random data with NaN, ties, negatives, n = %i', (n) => {
    const rng = mulberry32(4242 + n);
    for (let rep = 0; rep < (n >= 1000 ? 8 : 50); rep++) {
      const x = randomColumn(rng, n);
      const y = randomColumn(rng, n);
      const q = QuadrantIndex.build(x, y);
      for (let k = 0; k < 40; k++) {
        const xc = randomThreshold(rng, x);
        const yc = randomThreshold(rng, y);
        expect(q.counts(xc, yc)).toEqual(bruteQuadrant(x, y, xc, yc));
      }
    }
  });

  test('explicit cases', () => {
    const x = new Float64Array([0, 10, 10, 20, NaN, 5]);
    const y = new Float64Array([0, 10, 5, 20, 1, NaN]);
    const q = QuadrantIndex.build(x, y);
    expect(q.counts(10, 10)).toEqual({ hh: 2, lh: 0, hl: 1, ll: 1, unrated: 2 });
    expect(q.counts(-Infinity, -Infinity)).toEqual({ hh: 4, lh: 0, hl: 0, ll: 0, unrated: 2 });
    expect(q.counts(Infinity, Infinity)).toEqual({ hh: 0, lh: 0, hl: 0, ll: 4, unrated: 2 });
    expect(q.counts({ value: 10, strict: true }, 10)).toEqual({ hh: 1, lh: 1, hl: 0, ll: 2, unrated: 2 });
    expect(() => q.counts(NaN, 0)).toThrow(RangeError);
    expect(QuadrantIndex.build(new Float64Array(0), new Float64Array(0)).counts(0, 0)).toEqual({ hh: 0, lh: 0, hl: 0, ll: 0, unrated: 0 });
  });
});
