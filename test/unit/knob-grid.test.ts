import { describe, expect, test } from 'vitest';
import { allowedRange, dragTo, gridOf, keyMove, nearestIndex, onGrid, PAGE_STEPS, position, stepFrom, typedValue, valueAt, type Grid } from '../../src/schemes/grid';
import { cutKind, knobsOf, setKnob, type Knob } from '../../src/schemes/knobs';
import type { KnobKind } from '../../src/schemes/knobs';
import { PRESETS, presetById } from '../../src/schemes/presets';
import type { QuadrantScheme } from '../../src/schemes/types';
import { validateScheme } from '../../src/schemes/validate';

const amount = gridOf('amount');
const score = gridOf('score');
const share = gridOf('share');
const weight = gridOf('weight');

/** The step up from a grid value. */
const stepUp = (g: Grid, v: number) => stepFrom(g, v, 1) - v;

describe('the knob grids (round numbers by magnitude)', () => {
  test.each([
    // amounts, yuan: 0.1万 below 10万, 1万 to 100万, 10万 to 1000万, and on by decades
    ['amount', 0, 1_000],
    ['amount', 5_000, 1_000],
    ['amount', 50_000, 1_000],
    ['amount', 99_000, 1_000],
    ['amount', 100_000, 10_000],
    ['amount', 500_000, 10_000],
    ['amount', 990_000, 10_000],
    ['amount', 1_000_000, 100_000],
    ['amount', 5_000_000, 100_000],
    ['amount', 9_900_000, 100_000],
    ['amount', 10_000_000, 1_000_000],
    ['amount', 100_000_000, 10_000_000],
    ['amount', 150_000_000, 10_000_000],
    ['amount', 3_000_000_000, 100_000_000],
    // scores and counts: whole points below 1000, then three significant digits
    ['score', 0, 1],
    ['score', 60, 1],
    ['score', 150, 1],
    ['score', 999, 1],
    ['score', 1_000, 10],
    ['score', 80_000, 100],
    ['count', 12, 1],
    // shares: 1 %
    ['share', 0, 0.01],
    ['share', 0.7, 0.01],
    // weights: two significant digits, never finer than 0.01
    ['weight', 0.35, 0.01],
    ['weight', 0.4, 0.01],
    ['weight', 1, 0.1],
    ['weight', 80, 1],
    ['weight', 150, 10],
  ] as const)('%s %s: steps up by %s', (kind, value, step) => {
    const g = gridOf(kind as KnobKind);
    expect(onGrid(g, value)).toBe(true);
    expect(stepUp(g, value)).toBeCloseTo(step, 9);
    // The next value is itself a round number on the grid.
    expect(onGrid(g, stepFrom(g, value, 1))).toBe(true);
  });

  test('the issue example: 50万 steps to 51万, 52万; 500万 to 510万', () => {
    expect(stepFrom(amount, 500_000, 1)).toBe(510_000);
    expect(stepFrom(amount, 500_000, 2)).toBe(520_000);
    expect(stepFrom(amount, 5_000_000, 1)).toBe(5_100_000);
    expect(stepFrom(amount, 1_000_000, -1)).toBe(990_000); // down across a decade takes the finer step
    expect(stepFrom(share, 0.29, 1)).toBe(0.3);
    expect(stepFrom(share, 0.3, -1)).toBe(0.29);
    expect(stepFrom(weight, 0.35, 1)).toBe(0.36);
  });

  test('index and value agree on every grid point (the slider value is the index)', () => {
    for (const g of [amount, score, share, weight]) {
      for (let i = -400; i <= 3000; i++) {
        const v = valueAt(g, i);
        expect(position(g, v), `${JSON.stringify(g)} ${i}`).toBe(i);
        expect(valueAt(g, i + 1)).toBeGreaterThan(v);
      }
    }
    expect(valueAt(amount, nearestIndex(amount, 500_000))).toBe(500_000);
  });

  test('round trip: from any grid value, k steps up then k steps down returns it exactly', () => {
    for (const g of [amount, score, share, weight]) {
      for (let i = -150; i < 700; i += 7) {
        const start = valueAt(g, i);
        for (const k of [1, 2, 5, 13, PAGE_STEPS]) {
          let v = start;
          for (let j = 0; j < k; j++) v = stepFrom(g, v, 1);
          for (let j = 0; j < k; j++) v = stepFrom(g, v, -1);
          expect(v).toBe(start);
        }
      }
    }
    // 500万 → → ← ← is 500万, not 503.9万
    let v = 5_000_000;
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowLeft', 'ArrowLeft']) v = keyMove(amount, v, key, allowedRange(amount, v, 0, 20_000_000, {}))!.value;
    expect(v).toBe(5_000_000);
  });

  test('from an off-grid value, one step snaps to the adjacent grid point in that direction', () => {
    expect(onGrid(amount, 301_234)).toBe(false);
    expect(stepFrom(amount, 301_234, 1)).toBe(310_000);
    expect(stepFrom(amount, 301_234, -1)).toBe(300_000);
    expect(stepFrom(amount, 301_234, 2)).toBe(320_000);
    expect(stepFrom(share, 2 / 3, 1)).toBe(0.67);
    expect(stepFrom(share, 2 / 3, -1)).toBe(0.66);
    expect(stepFrom(score, 59.5, 1)).toBe(60);
    expect(stepFrom(score, -2.5, -1)).toBe(-3);
    // Float noise is not "off grid": 0.1 + 0.2 is 0.3.
    expect(stepFrom(share, 0.1 + 0.2, 1)).toBe(0.31);
  });

  test('Page Up/Down move ten grid steps; Home/End go to the allowed ends', () => {
    const a = allowedRange(amount, 500_000, 0, 2_000_000, {});
    expect(keyMove(amount, 500_000, 'PageUp', a)!.value).toBe(600_000);
    expect(keyMove(amount, 500_000, 'PageDown', a)!.value).toBe(400_000);
    expect(keyMove(amount, 950_000, 'PageUp', a)!.value).toBe(1_500_000); // 4 steps of 1万, 6 of 10万
    expect(keyMove(amount, 500_000, 'Home', a)!.value).toBe(0);
    expect(keyMove(amount, 500_000, 'End', a)!.value).toBe(2_000_000);
    expect(keyMove(share, 0.7, 'PageUp', allowedRange(share, 0.7, 0, 1, {}))!.value).toBe(0.8);
    expect(keyMove(score, 60, 'PageDown', allowedRange(score, 60, 0, 120, {}))!.value).toBe(50);
    expect(keyMove(amount, 500_000, 'Tab', a)).toBeUndefined();
  });

  test('neighbours: a bound stops one grid step short of the next bound, whichever way it is moved', () => {
    // The VIP bound between private banking (500万) and affluent (10万).
    const n = { above: 5_000_000, below: 100_000 };
    const a = allowedRange(amount, 500_000, 0, 20_000_000, n);
    expect([a.lo, a.hi, a.loByNeighbour, a.hiByNeighbour]).toEqual([110_000, 4_900_000, true, true]);
    expect(keyMove(amount, 500_000, 'End', a)).toEqual({ value: 4_900_000, stopped: 'above' });
    expect(keyMove(amount, 4_900_000, 'ArrowRight', allowedRange(amount, 4_900_000, 0, 20_000_000, n))).toEqual({ value: 4_900_000, stopped: 'above' });
    expect(keyMove(amount, 110_000, 'PageDown', allowedRange(amount, 110_000, 0, 20_000_000, n))).toEqual({ value: 110_000, stopped: 'below' });
    expect(dragTo(amount, position(amount, 8_000_000), a)).toEqual({ value: 4_900_000, stopped: 'above' });
    expect(dragTo(amount, position(amount, 50_000), a)).toEqual({ value: 110_000, stopped: 'below' });
    expect(dragTo(amount, position(amount, 700_000), a)).toEqual({ value: 700_000 });
    // The slider's own end is not a neighbour: no hint there.
    expect(keyMove(amount, 500_000, 'End', allowedRange(amount, 500_000, 0, 2_000_000, n))).toEqual({ value: 2_000_000 });
    // Typed: exact unless past (or on) the neighbour, then where a drag would stop.
    expect(typedValue(amount, n, 500_000, 301_234)).toEqual({ value: 301_234 });
    expect(typedValue(amount, n, 500_000, 4_999_999)).toEqual({ value: 4_999_999 });
    expect(typedValue(amount, n, 500_000, 6_000_000)).toEqual({ value: 4_900_000, stopped: 'above' });
    expect(typedValue(amount, n, 500_000, 5_000_000)).toEqual({ value: 4_900_000, stopped: 'above' });
    expect(typedValue(amount, n, 500_000, 30_000)).toEqual({ value: 110_000, stopped: 'below' });
  });

  test('neighbours: an off-grid value near a neighbour never moves against its key, nor onto the neighbour', () => {
    const n = { above: 500_000 };
    const v = 499_999;
    const a = allowedRange(amount, v, 0, 2_000_000, n);
    expect(a.hi).toBe(v); // the current value stays allowed
    expect(keyMove(amount, v, 'ArrowRight', a)).toEqual({ value: v, stopped: 'above' });
    expect(keyMove(amount, v, 'ArrowLeft', a)).toEqual({ value: 490_000 });
    // Two neighbours with no grid point between: nothing moves, typing past keeps the value.
    const tight = { below: 300_000, above: 300_500 };
    const t = allowedRange(amount, 300_200, 0, 2_000_000, tight);
    expect([t.lo, t.hi]).toEqual([300_200, 300_200]);
    expect(keyMove(amount, 300_200, 'ArrowUp', t)!.value).toBe(300_200);
    expect(keyMove(amount, 300_200, 'ArrowDown', t)!.value).toBe(300_200);
    expect(typedValue(amount, tight, 300_200, 400_000)).toEqual({ value: 300_200, stopped: 'above' });
  });

  test('ascending neighbours (pareto shares) stop a percent short', () => {
    const n = { below: 0.7 };
    const a = allowedRange(share, 0.9, 0.01, 0.99, n);
    expect(keyMove(share, 0.9, 'Home', a)).toEqual({ value: 0.71, stopped: 'below' });
    expect(typedValue(share, n, 0.9, 0.5)).toEqual({ value: 0.71, stopped: 'below' });
  });

  test('a slider move is a few arithmetic operations (no tables)', () => {
    const a = allowedRange(amount, 500_000, 0, 2_000_000, { above: 5_000_000, below: 100_000 });
    const t0 = performance.now();
    let sum = 0;
    for (let i = 0; i < 200_000; i++) sum += dragTo(amount, i % 500, a).value;
    expect(sum).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  test.each(PRESETS.map((p) => [p.id, p] as const))('%s: every knob steps on its grid, reversibly, into a valid scheme', (_id, scheme) => {
    const around = (k: Knob) => allowedRange(gridOf(k.kind), k.value, k.min, k.max, { below: k.below?.value, above: k.above?.value });
    for (const k of knobsOf(scheme)) {
      const g = gridOf(k.kind);
      for (const key of ['ArrowRight', 'ArrowLeft', 'PageUp', 'PageDown', 'Home', 'End']) {
        const m = keyMove(g, k.value, key, around(k))!;
        const moved = setKnob(scheme, k.path, m.value);
        expect(() => validateScheme(moved), `${k.path} ${key}`).not.toThrow();
        const again = knobsOf(moved).find((x) => x.path === k.path)!;
        expect(again.value, `${k.path} ${key}`).toBe(m.value);
        if (m.value !== k.value) expect(onGrid(g, m.value), `${k.path} ${key} → ${m.value}`).toBe(true);
        // A full move (not cut short by a range end or a neighbour) back the other way returns exactly.
        const steps = { ArrowRight: 1, ArrowLeft: -1, PageUp: PAGE_STEPS, PageDown: -PAGE_STEPS }[key];
        const back = { ArrowRight: 'ArrowLeft', ArrowLeft: 'ArrowRight', PageUp: 'PageDown', PageDown: 'PageUp' }[key];
        if (back && steps && onGrid(g, k.value) && m.value === stepFrom(g, k.value, steps)) expect(keyMove(g, again.value, back, around(again))!.value, `${k.path} ${key} ${back}`).toBe(k.value);
      }
    }
  });

  test("a quadrant cut's grid follows its axis: credit score in points, profit contribution in yuan", () => {
    const q = presetById('value-matrix') as QuadrantScheme;
    expect([cutKind(q, 'x'), cutKind(q, 'y')]).toEqual(['score', 'amount']);
  });
});
