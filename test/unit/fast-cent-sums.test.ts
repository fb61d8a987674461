import { describe, expect, test } from 'vitest';
import { CentSums } from '../../src/analysis/fast/cent-sums';
import { mulberry32 } from './fast-prng';

const brute = (a: Float64Array, i: number) => {
  let s = 0;
  for (let j = 0; j < i; j++) if (Number.isFinite(a[j]!)) s += Math.round(a[j]! * 100);
  return s;
};

describe('CentSums: a running total every 64 amounts, the rest added when asked', () => {
  test.each([0, 1, 63, 64, 65, 127, 128, 129, 1000])('every prefix of %i amounts is exact', (m) => {
    const rng = mulberry32(m + 1);
    const a = Float64Array.from({ length: m }, (_, i) => (i % 17 === 5 ? NaN : i % 29 === 3 ? Infinity : Math.round(rng() * 1e8) / 100));
    const sums = CentSums.build(a);
    for (let i = 0; i <= m; i++) expect(sums.prefix(i)).toBe(brute(a, i));
    if (m > 10) expect(sums.range(3, m - 2)).toBe(brute(a, m - 2) - brute(a, 3));
    expect(sums.exact).toBe(true);
  });

  test('reports when a running total passes 2^53 cents', () => {
    expect(CentSums.build(Float64Array.from([5e13, 5e13])).exact).toBe(false);
    expect(CentSums.build(Float64Array.from([5e13, -5e13])).exact).toBe(false);
    expect(CentSums.build(Float64Array.from([4e13])).exact).toBe(true);
  });

  test('holds 8 bytes per 64 amounts beyond the column\'s values when they are the amounts', () => {
    const a = new Float64Array(6400);
    expect(CentSums.build(a).bytesBeyond(a)).toBe(101 * 8);
    expect(CentSums.build(a).bytesBeyond(new Float64Array(1))).toBe(101 * 8 + 6400 * 8);
  });
});
