import { expect, test } from 'vitest';
import { gapToNextTier } from '../../src/analysis/near-threshold';

const BOUNDS = [
  { tier: 'private', min: 5_000_000 },
  { tier: 'vip', min: 500_000 },
  { tier: 'affluent', min: 100_000 },
  { tier: 'wealth', min: 50_000 },
];

test.each([
  [0, { nextTier: 'wealth', nextMin: 50_000, gap: 50_000 }], // mass
  [42_000, { nextTier: 'wealth', nextMin: 50_000, gap: 8_000 }],
  [49_999, { nextTier: 'wealth', nextMin: 50_000, gap: 1 }],
  [50_000, { nextTier: 'affluent', nextMin: 100_000, gap: 50_000 }], // on the bound: already wealth
  [88_000, { nextTier: 'affluent', nextMin: 100_000, gap: 12_000 }],
  [100_000, { nextTier: 'vip', nextMin: 500_000, gap: 400_000 }],
  [4_999_999, { nextTier: 'private', nextMin: 5_000_000, gap: 1 }],
  [5_000_000, null], // top tier
  [9e9, null],
  [NaN, null], // missing: unrated
])('gapToNextTier(%f)', (v, expected) => {
  expect(gapToNextTier(v, BOUNDS)).toEqual(expected);
});

test('a ladder without bounds has no next tier', () => expect(gapToNextTier(1, [])).toBeNull());
