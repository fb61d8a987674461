import { describe, expect, test } from 'vitest';
import { compareSegments, type GroupTierCount } from '../../src/analysis/segments';
import { psi } from '../../src/analysis/psi';

const TIERS = ['vip', 'mass', 'unrated'];
const rows = (spec: Record<string, number[]>): GroupTierCount[] =>
  Object.entries(spec).flatMap(([g, counts]) => counts.map((customers, i) => ({ group: g === 'null' ? null : g, tier: TIERS[i]!, customers })));
const DATA = rows({ A: [10, 90, 0], B: [30, 60, 10], C: [5, 15, 0], D: [1, 1, 0], E: [0, 2, 0], null: [0, 3, 0] });

describe('segments side by side', () => {
  test.each<[string, (string | null)[] | undefined, (string | null)[]]>([
    ['none chosen: the four largest groups', undefined, ['A', 'B', 'C', null]],
    ['the chosen, in the order chosen', ['C', 'A'], ['C', 'A']],
    ['repeats dropped', ['C', 'C', 'A'], ['C', 'A']],
    ['at most six', ['A', 'B', 'C', 'D', 'E', null, 'F'], ['A', 'B', 'C', 'D', 'E', null]],
  ])('%s', (_name, chosen, expected) => {
    expect(compareSegments(DATA, TIERS, chosen).segments.map((s) => s.value)).toEqual(expected);
  });

  test('the whole counts every group, shown or not; each PSI is against the whole', () => {
    const c = compareSegments(DATA, TIERS, ['B']);
    expect(c.whole).toEqual({ customers: 227, counts: [46, 171, 10] });
    expect(c.groups).toBe(6);
    const b = c.segments[0]!;
    expect(b).toMatchObject({ value: 'B', customers: 100, counts: [30, 60, 10] });
    expect(b.psi).toBeCloseTo(psi({ vip: 46, mass: 171, unrated: 10 }, { vip: 30, mass: 60, unrated: 10 }).psi, 12);
    expect(b.band).toBe('moderate');
  });

  test('a chosen group without customers in the period has no PSI (not zero)', () => {
    const s = compareSegments(DATA, TIERS, ['gone']).segments[0]!;
    expect(s).toEqual({ value: 'gone', customers: 0, counts: [0, 0, 0] });
  });

  test('a tier the scheme does not have is an error, not dropped', () => {
    expect(() => compareSegments([{ group: 'A', tier: 'gold', customers: 1 }], TIERS)).toThrow(/gold/);
  });
});
