import { describe, expect, test } from 'vitest';
import { transitionMatrix } from '../../src/analysis/migration';
import { cohortChain, matrixPower, projectTierMix, PROJECTION_NOTE, stepVector } from '../../src/analysis/projection';

/*
 * Hand-computed cohort example, tiers a > b:
 *   a → a 8, a → b 1, a → (gone) 1   ⇒ row a = [0.8, 0.1, 0.1]
 *   b → a 2, b → b 6, b → (gone) 2   ⇒ row b = [0.2, 0.6, 0.2]
 *   (new) → a 5                       ⇒ inflow, not part of P
 *   (gone) is absorbing               ⇒ row (gone) = [0, 0, 1]
 * Start {a: 100, b: 50}:
 *   n=1: a = 100·0.8 + 50·0.2 = 90;  b = 100·0.1 + 50·0.6 = 40;  gone = 100·0.1 + 50·0.2 = 20
 *   n=2: a = 90·0.8 + 40·0.2 = 80;   b = 90·0.1 + 40·0.6 = 33;   gone = 20 + 9 + 8 = 37
 *   n=3: a = 80·0.8 + 33·0.2 = 70.6; b = 80·0.1 + 33·0.6 = 27.8; gone = 37 + 8 + 6.6 = 51.6
 */
const M = transitionMatrix(
  [
    { from: 'a', to: 'a', customers: 8 },
    { from: 'a', to: 'b', customers: 1 },
    { from: 'a', to: '(gone)', customers: 1 },
    { from: 'b', to: 'a', customers: 2 },
    { from: 'b', to: 'b', customers: 6 },
    { from: 'b', to: '(gone)', customers: 2 },
    { from: '(new)', to: 'a', customers: 5 },
  ],
  ['a', 'b'],
);

describe('cohort projection, hand-computed', () => {
  test('P is row-stochastic with an absorbing (gone) state and no (new) row', () => {
    const { states, P } = cohortChain(M);
    expect(states).toEqual(['a', 'b', '(gone)']);
    expect(P).toEqual([
      [0.8, 0.1, 0.1],
      [0.2, 0.6, 0.2],
      [0, 0, 1],
    ]);
  });

  test.each([
    [0, { a: 100, b: 50, '(gone)': 0 }],
    [1, { a: 90, b: 40, '(gone)': 20 }],
    [2, { a: 80, b: 33, '(gone)': 37 }],
    [3, { a: 70.6, b: 27.8, '(gone)': 51.6 }],
  ])('n = %i', (n, expected) => {
    const p = projectTierMix(M, 3, { a: 100, b: 50 });
    const step = p.steps[n]!;
    expect(step.n).toBe(n);
    for (const [k, v] of Object.entries(expected)) expect(step.mix[k]).toBeCloseTo(v, 10);
  });

  test('default start is the later period as it stands, nobody gone; the note says inflow is left out', () => {
    // Later period: a = 8 + 2 + 5 = 15, b = 1 + 6 = 7.
    // n=1: a = 15·0.8 + 7·0.2 = 13.4; b = 15·0.1 + 7·0.6 = 5.7; gone = 1.5 + 1.4 = 2.9
    const p = projectTierMix(M, 1);
    expect(p.steps[0]!.mix).toEqual({ a: 15, b: 7, '(gone)': 0 });
    expect(p.steps[1]!.mix.a).toBeCloseTo(13.4, 10);
    expect(p.steps[1]!.mix.b).toBeCloseTo(5.7, 10);
    expect(p.steps[1]!.mix['(gone)']).toBeCloseTo(2.9, 10);
    expect(p.note).toBe(PROJECTION_NOTE);
    expect(p.note).toMatch(/not modelled/);
  });

  test('a tier with no customers in the step keeps its row as identity: its customers stay put', () => {
    const m = transitionMatrix([{ from: 'a', to: 'a', customers: 1 }], ['a', 'c']);
    expect(cohortChain(m).P[1]).toEqual([0, 1, 0]);
    const p = projectTierMix(m, 5, { c: 10 });
    expect(p.steps[5]!.mix).toEqual({ a: 0, c: 10, '(gone)': 0 });
  });

  test('customers are conserved over 60 steps (stayers + gone = start)', () => {
    const p = projectTierMix(M, 60, { a: 100, b: 50 });
    expect(p.steps).toHaveLength(61);
    const last = p.steps[60]!.mix;
    expect(last.a! + last.b! + last['(gone)']!).toBeCloseTo(150, 8);
    expect(last['(gone)']).toBeGreaterThan(149); // everyone eventually leaves an absorbing chain
  });

  test.each([[-1], [61], [1.5], [NaN]])('rejects horizon %s', (h) => {
    expect(() => projectTierMix(M, h)).toThrow(/horizon/);
  });

  test('rejects an unknown or invalid start tier', () => {
    expect(() => projectTierMix(M, 1, { z: 1 })).toThrow(/unknown tier "z"/);
    expect(() => projectTierMix(M, 1, { a: -1 })).toThrow(/invalid start value/);
  });
});

describe('published Markov chain examples', () => {
  /*
   * Grinstead & Snell, "Introduction to Probability" (2nd rev. ed., AMS), Section 11.1, the
   * "Land of Oz" example: states Rain, Nice, Snow with
   *   P = | .5  .25 .25 |
   *       | .5  0   .5  |
   *       | .25 .25 .5  |
   * and (its table of powers of P) P^2 = | .438 .188 .375 |, exactly | 7/16 3/16 6/16 |
   *                                       | .375 .25  .375 |          | 6/16 4/16 6/16 |
   *                                       | .375 .188 .438 |          | 6/16 3/16 7/16 |
   * while P^6 = .4 .2 .4 in every row to three decimals (the fixed vector w = (.4, .2, .4)).
   */
  const OZ = [
    [0.5, 0.25, 0.25],
    [0.5, 0, 0.5],
    [0.25, 0.25, 0.5],
  ];

  test('Land of Oz: P^2 exactly', () => {
    const P2 = matrixPower(OZ, 2);
    const expected = [
      [7 / 16, 3 / 16, 6 / 16],
      [6 / 16, 4 / 16, 6 / 16],
      [6 / 16, 3 / 16, 7 / 16],
    ];
    P2.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 12)));
  });

  test('Land of Oz: P^6 ≈ (.400, .200, .400) in every row, as the book’s table of powers prints', () => {
    for (const row of matrixPower(OZ, 6)) {
      expect(row[0]).toBeCloseTo(0.4, 3);
      expect(row[1]).toBeCloseTo(0.2, 3);
      expect(row[2]).toBeCloseTo(0.4, 3);
    }
  });

  test('Land of Oz through the cohort projection (counts proportional to P, nobody leaves)', () => {
    const m = transitionMatrix(
      [
        { from: 'R', to: 'R', customers: 2 },
        { from: 'R', to: 'N', customers: 1 },
        { from: 'R', to: 'S', customers: 1 },
        { from: 'N', to: 'R', customers: 1 },
        { from: 'N', to: 'S', customers: 1 },
        { from: 'S', to: 'R', customers: 1 },
        { from: 'S', to: 'N', customers: 1 },
        { from: 'S', to: 'S', customers: 2 },
      ],
      ['R', 'N', 'S'],
    );
    const step2 = projectTierMix(m, 2, { R: 1 }).steps[2]!.mix;
    expect(step2.R).toBeCloseTo(7 / 16, 12);
    expect(step2.N).toBeCloseTo(3 / 16, 12);
    expect(step2.S).toBeCloseTo(6 / 16, 12);
    expect(step2['(gone)']).toBe(0);
  });

  /*
   * Wikipedia, "Examples of Markov chains", section "A simple weather model": sunny → sunny 0.9,
   * sunny → rainy 0.1, rainy → sunny 0.5, rainy → rainy 0.5. Starting sunny, x(1) = [0.9 0.1],
   * x(2) = [0.86 0.14]; the steady state is q = [0.833 0.167] (= [5/6, 1/6]).
   */
  test('weather model: two days ahead and the steady state', () => {
    const P = [
      [0.9, 0.1],
      [0.5, 0.5],
    ];
    const x1 = stepVector([1, 0], P);
    const x2 = stepVector(x1, P);
    expect(x1[0]).toBeCloseTo(0.9, 12);
    expect(x2[0]).toBeCloseTo(0.86, 12);
    expect(x2[1]).toBeCloseTo(0.14, 12);
    const far = matrixPower(P, 60);
    for (const row of far) {
      expect(row[0]).toBeCloseTo(5 / 6, 9);
      expect(row[1]).toBeCloseTo(1 / 6, 9);
    }
  });
});
