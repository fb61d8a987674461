import { describe, expect, test } from 'vitest';
import { SortedColumn } from '../../src/analysis/fast/sorted-column';
import { argsortFloat64, RadixBuffers } from '../../src/analysis/fast/argsort';
import { caseBucket, cents, int, ladderIsValid, mulberry32, randomColumn, randomLadder, randomThreshold, SIZES } from './fast-prng';

describe('argsortFloat64', () => {
  test('sorts like a comparator sort, stable, across signs, zeros and infinities', () => {
    const rng = mulberry32(7);
    for (const n of [0, 1, 2, 3, 10, 1000, 5000]) {
      for (let rep = 0; rep < 5; rep++) {
        const v = randomColumn(rng, n).map((x) => (Number.isNaN(x) ? (rng() < 0.5 ? Infinity : -Infinity) : x));
        const order = Array.from(argsortFloat64(v));
        const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => (v[a] as number) - (v[b] as number) || a - b);
        // -0 and +0 compare equal, so ties between them keep input order too.
        expect(order).toEqual(expected);
      }
    }
  });
});

describe('SortedColumn vs brute force', () => {
  test.each(SIZES)('counts, ranges, cent sums and ladders on random data, n = %i', (n) => {
    const rng = mulberry32(20240601 + n);
    let ladders = 0;
    let invalid = 0;
    {
      for (let rep = 0; rep < (n >= 1000 ? 8 : 60); rep++) {
        const values = randomColumn(rng, n);
        const separate = rng() < 0.5;
        const amounts = separate ? randomColumn(rng, n) : undefined;
        const amountOf = (i: number) => (amounts ? (amounts[i] as number) : (values[i] as number));
        const col = SortedColumn.build(values, amounts);
        const valid = Array.from(values).filter((v) => !Number.isNaN(v));
        expect(col.size).toBe(valid.length);
        expect(col.missing).toBe(n - valid.length);
        expect(col.exactSums).toBe(true);

        for (let q = 0; q < 30; q++) {
          const x = randomThreshold(rng, values);
          const y = randomThreshold(rng, values);
          expect(col.countBelow(x)).toBe(valid.filter((v) => v < x).length);
          expect(col.countAtLeast(x)).toBe(valid.filter((v) => v >= x).length);
          expect(col.countPassing({ value: x, strict: true })).toBe(valid.filter((v) => v > x).length);
          expect(col.countInRange(x, y)).toBe(valid.filter((v) => v >= x && v < y).length);
          let s = 0;
          for (let i = 0; i < n; i++) {
            const v = values[i] as number;
            if (v >= x && v < y) s += cents(amountOf(i));
          }
          expect(col.sumInRangeCents(x, y)).toBe(s);
        }

        for (let q = 0; q < 20; q++) {
          const bounds = randomLadder(rng, values);
          if (!ladderIsValid(bounds)) {
            invalid++;
            expect(() => col.ladder(bounds)).toThrow(RangeError);
            continue;
          }
          ladders++;
          const counts = new Array<number>(bounds.length + 1).fill(0);
          const sums = new Array<number>(bounds.length + 1).fill(0);
          let missing = 0;
          let bucketOfAgrees = true;
          for (let i = 0; i < n; i++) {
            const b = caseBucket(values[i] as number, bounds);
            if (SortedColumn.bucketOf(values[i] as number, bounds) !== b) bucketOfAgrees = false;
            if (b < 0) missing++;
            else {
              counts[b]!++;
              sums[b]! += cents(amountOf(i));
            }
          }
          expect(bucketOfAgrees).toBe(true);
          expect(col.ladder(bounds)).toEqual({ counts, cents: sums, missing });
        }
      }
    }
    // The generator must exercise both paths.
    expect(ladders).toBeGreaterThan(50);
    expect(invalid).toBeGreaterThan(10);
  });

  test('count-only build keeps counts and refuses sums', () => {
    const rng = mulberry32(3);
    const values = randomColumn(rng, 1000);
    const col = SortedColumn.build(values, undefined, { sums: false });
    const full = SortedColumn.build(values);
    expect(col.ladder([100, 0]).counts).toEqual(full.ladder([100, 0]).counts);
    expect(col.ladder([100, 0]).cents).toEqual([]);
    expect(() => col.sumInRangeCents(0, 1)).toThrow(/without sums/);
  });
});

describe('SortedColumn edge cases', () => {
  const col = SortedColumn.build(new Float64Array([NaN, -5, 0, 0, 0.1, 0.2, 50, 50, 50, 100, Infinity, -Infinity, NaN]));

  test('empty and all-NaN columns', () => {
    for (const c of [SortedColumn.build(new Float64Array(0)), SortedColumn.build(new Float64Array([NaN, NaN]))]) {
      expect(c.countBelow(0)).toBe(0);
      expect(c.countAtLeast(-Infinity)).toBe(0);
      expect(c.sumInRangeCents(-Infinity, Infinity)).toBe(0);
      expect(c.ladder([10, 0])).toEqual({ counts: [0, 0, 0], cents: [0, 0, 0], missing: c.missing });
    }
  });

  test('ties sit on the inclusive side of a bound', () => {
    expect(col.countBelow(50)).toBe(6); // -inf, -5, 0, 0, 0.1, 0.2
    expect(col.countAtLeast(50)).toBe(5);
    expect(col.countPassing({ value: 50, strict: true })).toBe(2);
    expect(col.countInRange(0, 50)).toBe(4);
    expect(col.countInRange(50, 50)).toBe(0);
    expect(col.countInRange(100, 0)).toBe(0);
  });

  test('infinite thresholds and values', () => {
    expect(col.countAtLeast(-Infinity)).toBe(11);
    expect(col.countBelow(Infinity)).toBe(10);
    expect(col.countAtLeast(Infinity)).toBe(1);
    expect(col.missing).toBe(2);
  });

  test('cent sums are exact where float sums drift: 0.1 + 0.2', () => {
    expect(col.sumInRangeCents(0.1, 0.3)).toBe(30);
    const many = SortedColumn.build(new Float64Array(100_000).fill(0.1));
    expect(many.sumInRangeCents(0, 1)).toBe(1_000_000);
  });

  test('star points: quasi is > 0 and < 50, values <= 0 fall below the ladder', () => {
    const stars = SortedColumn.build(new Float64Array([0, 0, 0, 1, 49, 50, 51, 1000, NaN]));
    const r = stars.ladder([1000, 50, { value: 0, strict: true }]);
    expect(r.counts).toEqual([1, 2, 2, 3]);
    expect(r.missing).toBe(1);
  });

  test('a strict bound followed by an inclusive one on the same value is the tier of exactly that value', () => {
    expect(col.ladder([{ value: 50, strict: true }, 50]).counts).toEqual([2, 3, 6]);
  });

  test('invalid bounds and thresholds throw', () => {
    expect(() => col.ladder([0, 50])).toThrow(RangeError);
    expect(() => col.ladder([50, 50])).toThrow(RangeError);
    expect(() => col.ladder([50, { value: 50, strict: true }])).toThrow(RangeError);
    expect(() => col.ladder([NaN])).toThrow(RangeError);
    expect(() => col.countBelow(NaN)).toThrow(RangeError);
    expect(() => SortedColumn.build(new Float64Array(2), new Float64Array(3))).toThrow(RangeError);
  });

  test('NaN and infinite amounts add nothing; huge totals are flagged', () => {
    const c = SortedColumn.build(new Float64Array([1, 2, 3]), new Float64Array([NaN, Infinity, 1.005]));
    expect(c.sumInRangeCents(-Infinity, Infinity)).toBe(Math.round(1.005 * 100));
    expect(c.exactSums).toBe(true);
    expect(SortedColumn.build(new Float64Array([1, 2]), new Float64Array([5e13, 5e13])).exactSums).toBe(false);
  });

  test('amounts equal to the values, but for one row, sum that row\'s own amount', () => {
    const values = new Float64Array([5, 1, NaN, 3, 2, 4]);
    const same = SortedColumn.build(values, values.slice());
    const plain = SortedColumn.build(values);
    expect([same.sumInRangeCents(-Infinity, Infinity), same.sumInRangeCents(2, 4), same.size]).toEqual([plain.sumInRangeCents(-Infinity, Infinity), plain.sumInRangeCents(2, 4), plain.size]);
    const oneOff = values.slice();
    oneOff[3] = 30;
    const c = SortedColumn.build(values, oneOff);
    expect(c.sumInRangeCents(3, 4)).toBe(3000);
    expect(c.sumInRangeCents(-Infinity, Infinity)).toBe(4200);
    // An amount missing where the value is present is not "the same".
    const missing = values.slice();
    missing[0] = NaN;
    expect(SortedColumn.build(values, missing).sumInRangeCents(5, 6)).toBe(0);
  });

  test('sums follow amounts, not values, when amounts are given', () => {
    const rng = mulberry32(11);
    const values = new Float64Array(200).map(() => int(rng, 5));
    const amounts = new Float64Array(200).map(() => int(rng, 100000) / 100);
    const c = SortedColumn.build(values, amounts);
    for (let t = 0; t < 5; t++) {
      let s = 0;
      values.forEach((v, i) => v === t && (s += Math.round((amounts[i] as number) * 100)));
      expect(c.sumInRangeCents(t, t + 1)).toBe(s);
    }
  });
});

describe('SortedColumn builds sharing work arrays', () => {
  test('one RadixBuffers through builds of shrinking and growing sizes gives what fresh builds give', () => {
    const rng = mulberry32(99);
    const buffers = new RadixBuffers();
    for (const n of [5000, 10, 0, 1, 4000, 7000, 3]) {
      const values = randomColumn(rng, n);
      const amounts = rng() < 0.5 ? randomColumn(rng, n) : undefined;
      const shared = SortedColumn.build(values, amounts, { buffers });
      const fresh = SortedColumn.build(values, amounts);
      expect(Array.from(shared.values)).toEqual(Array.from(fresh.values));
      expect([shared.missing, shared.exactSums, shared.sumInRangeCents(-Infinity, Infinity)]).toEqual([fresh.missing, fresh.exactSums, fresh.sumInRangeCents(-Infinity, Infinity)]);
      for (let q = 0; q < 10; q++) {
        const x = randomThreshold(rng, values);
        expect(shared.sumInRangeCents(-Infinity, x)).toBe(fresh.sumInRangeCents(-Infinity, x));
      }
    }
  });

  test('-0 is stored as +0 and counted with it', () => {
    const c = SortedColumn.build(new Float64Array([-0, 0, -1, 1]));
    expect(Object.is(c.values[1], 0) && Object.is(c.values[2], 0)).toBe(true);
    expect(c.countInRange(0, 1)).toBe(2);
  });
});
