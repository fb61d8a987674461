import { expect, test } from 'vitest';
import { kpiOf } from '../../src/analysis/kpi';

const ORDER = ['private', 'vip', 'affluent', 'wealth', 'mass', 'unrated'];
const COUNTS = [
  { tier: 'private', customers: 140, amount: 1_388_383_775.2 },
  { tier: 'vip', customers: 1836, amount: 2_264_389_252.45 },
  { tier: 'affluent', customers: 4325, amount: 974_216_895.57 },
  { tier: 'wealth', customers: 2932, amount: 210_470_442.79 },
  { tier: 'mass', customers: 10_909, amount: 169_576_748.71 },
  { tier: 'unrated', customers: 15, amount: 0 },
];

test('the headline figures of a ladder: totals, the best two tiers, unrated, moves', () => {
  const k = kpiOf(COUNTS, ORDER, true, { from: '2025-11-30', up: 310, down: 295 });
  expect(k.customers).toBe(20_157);
  expect(k.amount).toBeCloseTo(5_007_037_114.72, 2);
  expect(k.top).toEqual(['private', 'vip']);
  expect(k.topCustomerShare).toBeCloseTo((140 + 1836) / 20_157, 12);
  expect(k.topAmountShare).toBeCloseTo((1_388_383_775.2 + 2_264_389_252.45) / 5_007_037_114.72, 12);
  expect(k.unrated).toBe(15);
  expect(k.moves).toEqual({ from: '2025-11-30', up: 310, down: 295 });
});

test('without an amount metric there is no amount or amount share; a two-tier scheme tops with one', () => {
  const k = kpiOf([{ tier: 'A', customers: 3, amount: 0 }, { tier: 'B', customers: 1, amount: 0 }], ['A', 'B', 'unrated'], false);
  expect(k).toEqual({ customers: 4, top: ['A'], topCustomerShare: 0.75, unrated: 0 });
});

test('no customers: shares are 0, not NaN', () => {
  expect(kpiOf([], ORDER, true)).toMatchObject({ customers: 0, amount: 0, topCustomerShare: 0, topAmountShare: 0 });
});
