import { describe, expect, test } from 'vitest';
import { expressionNumbers, knobsOf, replaceNumberAt, setKnob } from '../../src/schemes/knobs';
import { PRESETS, presetById } from '../../src/schemes/presets';
import { validateScheme } from '../../src/schemes/validate';
import type { LadderScheme, RulesScheme, ScorecardScheme } from '../../src/schemes/types';

describe('scheme knobs (what the threshold editor shows)', () => {
  test('retail-aum: four AUM bounds (amount grids), each knowing the bounds it may not pass', () => {
    const knobs = knobsOf(presetById('retail-aum'));
    expect(knobs.map((k) => [k.path, k.value, k.kind, k.above?.value, k.below?.value])).toEqual([
      ['bounds.0.min', 5_000_000, 'amount', undefined, 500_000],
      ['bounds.1.min', 500_000, 'amount', 5_000_000, 100_000],
      ['bounds.2.min', 100_000, 'amount', 500_000, 50_000],
      ['bounds.3.min', 50_000, 'amount', 100_000, undefined],
    ]);
    expect(knobs[0]!.label.zh).toBe('私人银行');
    expect(knobs[1]!.above?.label.zh).toBe('私人银行');
  });

  test('pareto classes and rfm quantiles ascend; a profile medium cut stays under its high cut', () => {
    const pareto = knobsOf(presetById('abc-pareto'));
    expect(pareto.map((k) => [k.value, k.below?.value, k.above?.value, k.min, k.max])).toEqual([
      [0.7, undefined, 0.9, 0.01, 0.99],
      [0.9, 0.7, undefined, 0.01, 0.99],
    ]);
    const rfm = knobsOf(presetById('rfm'));
    expect(rfm.map((k) => [k.below?.value, k.above?.value])).toEqual([
      [undefined, 0.4],
      [0.2, 0.6],
      [0.4, 0.8],
      [0.6, undefined],
    ]);
    const profile = knobsOf(presetById('insurance-profile')).filter((k) => k.path.startsWith('dimensions.1.'));
    expect(profile.map((k) => [k.path, k.below?.value, k.above?.value])).toEqual([
      ['dimensions.1.cuts.high', 40, undefined],
      ['dimensions.1.cuts.medium', undefined, 70],
    ]);
    // setKnob keeps them ordered too, whatever the caller asks.
    const moved = setKnob(presetById('abc-pareto'), 'classes.0.below', 0.95);
    expect(() => validateScheme(moved)).not.toThrow();
    const q = setKnob(presetById('rfm'), 'quantiles.1', 0.1);
    expect(() => validateScheme(q)).not.toThrow();
  });

  test('dealer-scorecard: component weights and grade cut-offs', () => {
    const knobs = knobsOf(presetById('dealer-scorecard'));
    const weights = knobs.filter((k) => k.kind === 'weight').map((k) => k.value);
    expect(weights).toEqual([80, 30, 10]);
    expect(knobs.filter((k) => k.path.startsWith('bounds')).map((k) => k.value)).toEqual([150, 100, 80]);
  });

  test('rules: every number a condition compares against', () => {
    const knobs = knobsOf(presetById('savings-grade'));
    expect(knobs.map((k) => k.value)).toEqual([0, 500_000, 12, 100_000, 100_000, 6]);
    const corp = knobsOf(presetById('corporate-layers'));
    expect(corp.map((k) => k.value)).toContain(150_000_000);
  });

  test.each(PRESETS.map((p) => [p.id, p] as const))('%s: moving every knob keeps a valid scheme', (_id, scheme) => {
    for (const k of knobsOf(scheme)) {
      const moved = setKnob(scheme, k.path, k.value * 1.1 + (k.kind === 'share' ? 0 : 1));
      expect(() => validateScheme(moved)).not.toThrow();
      const again = knobsOf(moved).find((x) => x.path === k.path || x.path.split('@')[0] === k.path.split('@')[0]);
      expect(again).toBeDefined();
    }
  });

  test('a bound dragged past its neighbour stops just short of it', () => {
    const s = presetById('retail-aum') as LadderScheme;
    const moved = setKnob(s, 'bounds.2.min', 10_000_000);
    expect(moved.bounds[2]!.min).toBeLessThan(500_000);
    expect(moved.bounds[2]!.min).toBeGreaterThan(499_999.99);
    expect(() => validateScheme(moved)).not.toThrow();
    expect(s.bounds[2]!.min).toBe(100_000); // the original is untouched
  });

  test('expression numbers are rewritten in place, formatting kept', () => {
    const src = 'deposit_balance >= 500000 and deposit_term_months >= 12';
    const nums = expressionNumbers(src);
    expect(nums.map((n) => [n.value, n.field])).toEqual([
      [500000, 'deposit_balance'],
      [12, 'deposit_term_months'],
    ]);
    expect(replaceNumberAt(src, nums[0]!.pos, 400000)).toBe('deposit_balance >= 400000 and deposit_term_months >= 12');
    const rules = presetById('savings-grade') as RulesScheme;
    const k = knobsOf(rules).find((x) => x.value === 500_000)!;
    expect((setKnob(rules, k.path, 450_000) as RulesScheme).rules[1]!.when).toBe('deposit_balance >= 450000 and deposit_term_months >= 12 and consumption_12m >= 100000');
    const card = presetById('dealer-scorecard') as ScorecardScheme;
    const w = knobsOf(card).find((x) => x.value === 80)!;
    expect((setKnob(card, w.path, 70) as ScorecardScheme).components[0]!.expr).toBe('70 * min(annual_sales / 10000000, 1)');
  });
});
