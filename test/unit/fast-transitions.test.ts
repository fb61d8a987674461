import { describe, expect, test } from 'vitest';
import { TransitionIndex, type TransitionInput } from '../../src/analysis/fast/transitions';
import type { BoundInput } from '../../src/analysis/fast/bounds';
import { caseBucket, int, ladderIsValid, mulberry32, randomColumn, randomLadder, SIZES, type Rng } from './fast-prng';

/** Reference: classify every customer with the SQL CASE semantics and count the pairs. */
function bruteMatrix(input: TransitionInput, bounds: readonly BoundInput[], belowIsUnrated: boolean): number[][] {
  const tiers = belowIsUnrated ? bounds.length : bounds.length + 1;
  const unrated = tiers;
  const edge = tiers + 1;
  const bucket = (v: number) => {
    const b = caseBucket(v, bounds);
    return b < 0 || b >= tiers ? unrated : b;
  };
  const m = Array.from({ length: tiers + 2 }, () => new Array<number>(tiers + 2).fill(0));
  input.v0.forEach((a, i) => m[bucket(a)]![bucket(input.v1[i] as number)]!++);
  input.onlyFrom.forEach((a) => m[bucket(a)]![edge]!++);
  input.onlyTo.forEach((b) => m[edge]![bucket(b)]!++);
  return m;
}

/** Period 1 often equals period 0 or moves a little, as real panels do. */
function randomInput(rng: Rng, n: number): TransitionInput {
  const v0 = randomColumn(rng, n);
  const noise = randomColumn(rng, n);
  const v1 = v0.map((v, i) => {
    const r = rng();
    return r < 0.3 ? v : r < 0.6 ? v * (0.5 + rng()) : (noise[i] as number);
  });
  return { v0, v1, onlyFrom: randomColumn(rng, int(rng, n + 1)), onlyTo: randomColumn(rng, int(rng, n + 1)) };
}

describe('TransitionIndex vs brute force', () => {
  test.each(SIZES)('random panels and ladders, n = %i', (n) => {
    const rng = mulberry32(9001 + n);
    let checked = 0;
    for (let rep = 0; rep < (n >= 1000 ? 6 : 40); rep++) {
      const input = randomInput(rng, n);
      const t = TransitionIndex.build(input);
      for (let q = 0; q < 15; q++) {
        const bounds = randomLadder(rng, input.v0);
        const belowIsUnrated = bounds.length > 0 && rng() < 0.3;
        if (!ladderIsValid(bounds)) {
          expect(() => t.matrix(bounds)).toThrow(RangeError);
          continue;
        }
        const got = t.matrix(bounds, { belowIsUnrated });
        expect(got.counts).toEqual(bruteMatrix(input, bounds, belowIsUnrated));
        expect(got.tiers).toBe(belowIsUnrated ? bounds.length : bounds.length + 1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  test('explicit panel: tiers >= 100, >= 10, rest; star-style strict lowest bound', () => {
    const input: TransitionInput = {
      v0: new Float64Array([150, 100, 10, 9.99, NaN, 50, NaN, 0]),
      v1: new Float64Array([99.99, 100, 100, NaN, 20, 50, NaN, 0]),
      onlyFrom: new Float64Array([200, NaN]),
      onlyTo: new Float64Array([5, 10]),
    };
    const t = TransitionIndex.build(input);
    // rows: >=100, [10,100), <10, unrated, (new); columns: same, last (gone)
    expect(t.matrix([100, 10]).counts).toEqual([
      [1, 1, 0, 0, 1],
      [1, 1, 0, 0, 0],
      [0, 0, 1, 1, 0],
      [0, 1, 0, 1, 1],
      [0, 1, 1, 0, 0],
    ]);
    // Lowest tier "> 0": zeros join unrated.
    expect(t.matrix([100, { value: 0, strict: true }], { belowIsUnrated: true }).counts).toEqual([
      [1, 1, 0, 1],
      [1, 1, 1, 0],
      [0, 1, 2, 1],
      [0, 2, 0, 0],
    ]);
  });

  test('empty input and bad bounds', () => {
    const z = new Float64Array(0);
    const t = TransitionIndex.build({ v0: z, v1: z, onlyFrom: z, onlyTo: z });
    expect(t.matrix([1]).counts).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(() => t.matrix([1, 2])).toThrow(RangeError);
    expect(() => TransitionIndex.build({ v0: z, v1: new Float64Array(1), onlyFrom: z, onlyTo: z })).toThrow(RangeError);
  });
});
