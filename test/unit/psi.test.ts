import { describe, expect, test } from 'vitest';
import { psi, psiBand } from '../../src/analysis/psi';

describe('PSI, hand-computed', () => {
  test('stable: expected 50/30/20, actual 40/30/30', () => {
    // Shares e = (.5, .3, .2), a = (.4, .3, .3).
    //   vip:      (.4 − .5)·ln(.4/.5) = −.1 · ln .8 = −.1 · −0.2231435513 = 0.0223143551
    //   affluent: (.3 − .3)·ln 1 = 0
    //   mass:     (.3 − .2)·ln(.3/.2) = .1 · ln 1.5 = .1 · 0.4054651081 = 0.0405465108
    //   PSI = 0.0628608659 < 0.1 → stable
    const r = psi({ vip: 50, affluent: 30, mass: 20 }, { vip: 40, affluent: 30, mass: 30 });
    expect(r.psi).toBeCloseTo(0.0628608659, 9);
    expect(r.band).toBe('stable');
    expect(r.perTier.map((t) => t.tier)).toEqual(['vip', 'affluent', 'mass']);
    expect(r.perTier[0]).toMatchObject({ expected: 0.5, actual: 0.4 });
    expect(r.perTier[0]!.contribution).toBeCloseTo(0.0223143551, 9);
    expect(r.perTier[1]!.contribution).toBe(0);
    expect(r.perTier[2]!.contribution).toBeCloseTo(0.0405465108, 9);
  });

  test('moderate: 50/50 → 30/70', () => {
    //   (.3 − .5)·ln(.3/.5) = −.2 · ln .6 = −.2 · −0.5108256238 = 0.1021651248
    //   (.7 − .5)·ln(.7/.5) = .2 · ln 1.4 = .2 · 0.3364722366 = 0.0672944473
    //   PSI = 0.1694595721 → moderate
    const r = psi({ a: 500, b: 500 }, { a: 300, b: 700 });
    expect(r.psi).toBeCloseTo(0.1694595721, 9);
    expect(r.band).toBe('moderate');
  });

  test('significant, with an empty bin floored at 0.0001 (not renormalised)', () => {
    // e = (1, 0 → 0.0001), a = (.9, .1).
    //   a: (.9 − 1)·ln(.9/1) = −.1 · −0.1053605157 = 0.0105360516
    //   b: (.1 − .0001)·ln(.1/.0001) = .0999 · ln 1000 = .0999 · 6.9077552790 = 0.6900847524
    //   PSI = 0.7006208039 → significant
    const r = psi({ a: 100, b: 0 }, { a: 90, b: 10 });
    expect(r.psi).toBeCloseTo(0.7006208039, 9);
    expect(r.band).toBe('significant');
    expect(r.perTier[1]).toMatchObject({ tier: 'b', expected: 0, actual: 0.1 });
  });

  test('a tier missing on one side counts as 0 there; the floor option is used', () => {
    // e = (1, 0 → 0.01), a = (.9, .1): b term = (.1 − .01)·ln(.1/.01) = .09 · ln 10 = 0.2072326584
    const r = psi({ a: 100 }, { a: 90, b: 10 }, { floor: 0.01 });
    expect(r.perTier[1]!.contribution).toBeCloseTo(0.09 * Math.LN10, 12);
    expect(r.psi).toBeCloseTo(0.0105360516 + 0.2072326584, 9);
  });

  test('identical mixes give 0; tiers option sets the order', () => {
    const r = psi({ a: 1, b: 3 }, { b: 6, a: 2 }, { tiers: ['b', 'a'] });
    expect(r.psi).toBe(0);
    expect(r.perTier.map((t) => t.tier)).toEqual(['b', 'a']);
  });

  test.each([
    [0, 'stable'],
    [0.0999, 'stable'],
    [0.1, 'moderate'],
    [0.2499, 'moderate'],
    [0.25, 'significant'],
    [3, 'significant'],
  ] as const)('band of %f is %s', (v, band) => expect(psiBand(v)).toBe(band));

  test('rejects empty periods, bad counts, bad floor and tiers outside the list', () => {
    expect(() => psi({ a: 0 }, { a: 1 })).toThrow(/expected period has no customers/);
    expect(() => psi({ a: 1 }, {})).toThrow(/actual period has no customers/);
    expect(() => psi({ a: -1, b: 2 }, { a: 1 })).toThrow(/invalid expected count/);
    expect(() => psi({ a: 1 }, { a: 1 }, { floor: 0 })).toThrow(/floor/);
    expect(() => psi({ a: 1, z: 1 }, { a: 1 }, { tiers: ['a'] })).toThrow(/"z" is not in the given tier list/);
  });
});
