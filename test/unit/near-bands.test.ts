import { expect, test } from 'vitest';
import { nearTierOf, workingNearBands } from '../../src/schemes/near-bands';
import { scoreRow } from '../../src/schemes/score-row';
import { presetById } from '../../src/schemes/presets';
import type { LadderScheme } from '../../src/schemes/types';

const CTX = { columns: new Set(['customer_id', 'aum']) };
const RETAIL = presetById('retail-aum') as LadderScheme;
const tuned = (bounds: Record<string, number>): LadderScheme => ({ ...RETAIL, bounds: RETAIL.bounds.map((b) => ({ ...b, min: bounds[b.tier] ?? b.min })) });
const band = (s: LadderScheme, tier: string) => workingNearBands(s).find((b) => b.tier === tier);

test('the saved ladder keeps the preset bands', () => {
  expect(workingNearBands(RETAIL).map(({ tier, below, from, to }) => [tier, below, from, to])).toEqual([
    ['wealth', 'mass', 40_000, 50_000],
    ['affluent', 'wealth', 80_000, 100_000],
    ['vip', 'affluent', 300_000, 500_000],
    ['private', 'vip', 4_000_000, 5_000_000],
  ]);
});

test.each([
  // [tuned bounds, tier, expected band]
  [{ vip: 300_000 }, 'vip', [180_000, 300_000]], // 0.6 × the working bound
  [{ vip: 120_000 }, 'vip', [100_000, 120_000]], // 0.6 × 120,000 = 72,000 is below affluent's bound: clamped
  [{ wealth: 60_000 }, 'wealth', [48_000, 60_000]],
  [{ wealth: 60_000 }, 'affluent', [80_000, 100_000]], // untouched bound, untouched band
  [{ affluent: 55_000 }, 'affluent', [50_000, 55_000]], // 0.8 × 55,000 = 44,000 < wealth's 50,000
  [{ private: 3_000_000 }, 'private', [2_400_000, 3_000_000]],
  [{ vip: 333_333.33 }, 'vip', [200_000, 333_333.33]], // to the cent, not a float tail
] as const)('tuned %o: band of %s is %o', (bounds, tier, [from, to]) => {
  const b = band(tuned(bounds), tier);
  expect(b && [b.from, b.to]).toEqual([from, to]);
});

test('a band empties when the bound below reaches the bound (no band, never a negative gap)', () => {
  expect(band(tuned({ vip: 100_000, affluent: 100_000 }), 'vip')).toBeUndefined();
});

test.each([
  // [value, current tier, near]
  [499_000, 'vip', null], // at 49.9万 with 贵宾 at 30万 the customer is 贵宾, near nothing below 私人银行's band
  [250_000, 'affluent', 'vip'],
  [179_999.99, 'affluent', null],
  [300_000, 'vip', null], // on the bound: already there
  [45_000, 'mass', 'wealth'],
  [45_000, 'unrated', null], // an unrated (or overridden) customer is near nothing
  [null, 'mass', null],
] as const)('with 贵宾 at 30万, %f in %s is near %s', (value, tier, near) => {
  expect(nearTierOf(value, tier, workingNearBands(tuned({ vip: 300_000 })))).toBe(near);
});

test('a strict bound keeps a value equal to it in the band', () => {
  const strict: LadderScheme = { ...RETAIL, bounds: RETAIL.bounds.map((b) => (b.tier === 'wealth' ? { ...b, inclusive: false } : b)) };
  expect(nearTierOf(50_000, 'mass', workingNearBands(strict))).toBe('wealth');
  expect(nearTierOf(50_000, 'mass', workingNearBands(RETAIL))).toBeNull();
});

test('the TypeScript scorer follows the working ladder', () => {
  const s = tuned({ vip: 300_000 });
  expect(scoreRow(s, { customer_id: 'a', aum: 499_000 }, CTX)).toMatchObject({ tier: 'vip', extras: { near_tier: null } });
  expect(scoreRow(s, { customer_id: 'b', aum: 250_000 }, CTX)).toMatchObject({ tier: 'affluent', extras: { near_tier: 'vip' } });
});
