import { describe, expect, test } from 'vitest';
import { amountShares, movementTotals, rowShares, sankeyFlows, transitionMatrix, type TransitionCell } from '../../src/analysis/migration';

const ORDER = ['private', 'vip', 'affluent', 'wealth', 'mass', 'unrated'];

/*
 * Worked example, 10 customers, periods 2025-11 → 2025-12 (amount = AUM in 2025-12, 0 when gone):
 *
 *   c1   vip      → vip       stay   1,000,000
 *   c2   vip      → vip       stay     200,000
 *   c3   vip      → private   up     6,000,000
 *   c4   affluent → vip       up       600,000
 *   c5   affluent → mass      down      30,000
 *   c6   mass     → mass      stay      20,000
 *   c7   mass     → unrated   down           0   (AUM went missing: unrated is listed last → down)
 *   c8   wealth   → (gone)    gone           0
 *   c9   (new)    → mass      new       10,000
 *   c10  (new)    → mass      new       30,000
 *
 * Grouped by (from, to) as the SQL delivers it:
 */
const CELLS: TransitionCell[] = [
  { from: 'vip', to: 'vip', customers: 2, amount: 1_200_000 },
  { from: 'vip', to: 'private', customers: 1, amount: 6_000_000 },
  { from: 'affluent', to: 'vip', customers: 1, amount: 600_000 },
  { from: 'affluent', to: 'mass', customers: 1, amount: 30_000 },
  { from: 'mass', to: 'mass', customers: 1, amount: 20_000 },
  { from: 'mass', to: 'unrated', customers: 1, amount: 0 },
  { from: 'wealth', to: '(gone)', customers: 1 },
  { from: '(new)', to: 'mass', customers: 2, amount: 40_000 },
];

describe('transitionMatrix: worked example of 10 customers', () => {
  const m = transitionMatrix(CELLS, ORDER);

  test('axes always carry (new) and (gone)', () => {
    expect(m.rows).toEqual(['(new)', 'private', 'vip', 'affluent', 'wealth', 'mass', 'unrated']);
    expect(m.cols).toEqual(['private', 'vip', 'affluent', 'wealth', 'mass', 'unrated', '(gone)']);
  });

  test('counts, with missing cells as 0', () => {
    expect(m.counts).toEqual([
      //  pri vip aff wea mas unr gone
      [0, 0, 0, 0, 2, 0, 0], // (new): c9, c10
      [0, 0, 0, 0, 0, 0, 0], // private: nobody last period
      [1, 2, 0, 0, 0, 0, 0], // vip: c3 up, c1 c2 stay
      [0, 1, 0, 0, 1, 0, 0], // affluent: c4 up, c5 down
      [0, 0, 0, 0, 0, 0, 1], // wealth: c8 gone
      [0, 0, 0, 0, 1, 1, 0], // mass: c6 stay, c7 down to unrated
      [0, 0, 0, 0, 0, 0, 0], // unrated
    ]);
    expect(m.rowTotals).toEqual([2, 0, 3, 2, 1, 2, 0]);
    // Present in 2025-12: private 1 (c3), vip 3 (c1 c2 c4), mass 4 (c5 c6 c9 c10), unrated 1 (c7); gone 1 (c8).
    expect(m.colTotals).toEqual([1, 3, 0, 0, 4, 1, 1]);
    expect(m.total).toBe(10);
    expect(m.amounts[2]).toEqual([6_000_000, 1_200_000, 0, 0, 0, 0, 0]);
  });

  test('row shares: count / row total, 0 for empty rows', () => {
    const s = rowShares(m);
    expect(s[0]).toEqual([0, 0, 0, 0, 1, 0, 0]);
    expect(s[1]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(s[2]![0]).toBeCloseTo(1 / 3, 12);
    expect(s[2]![1]).toBeCloseTo(2 / 3, 12);
    expect(s[3]).toEqual([0, 0.5, 0, 0, 0.5, 0, 0]);
    expect(s[4]).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(s[5]).toEqual([0, 0, 0, 0, 0.5, 0.5, 0]);
    for (const row of s.filter((_, r) => m.rowTotals[r]! > 0)) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  test('amount shares: vip row 6,000,000 / 7,200,000 and 1,200,000 / 7,200,000', () => {
    const s = amountShares(m);
    expect(s[2]![0]).toBeCloseTo(5 / 6, 12);
    expect(s[2]![1]).toBeCloseTo(1 / 6, 12);
    // affluent: 600,000 / 630,000 and 30,000 / 630,000
    expect(s[3]![1]).toBeCloseTo(600 / 630, 12);
    expect(s[3]![4]).toBeCloseTo(30 / 630, 12);
    expect(s[4]).toEqual([0, 0, 0, 0, 0, 0, 0]); // wealth row carries no amount
  });

  test('up / down / stay / new / gone, overall and per from-tier', () => {
    const t = movementTotals(m, ORDER);
    // up: c3, c4; down: c5, c7; stay: c1, c2, c6; new: c9, c10; gone: c8 → 2 + 2 + 3 + 2 + 1 = 10.
    expect({ up: t.up, down: t.down, stay: t.stay, new: t.new, gone: t.gone }).toEqual({ up: 2, down: 2, stay: 3, new: 2, gone: 1 });
    expect(t.byFrom).toEqual([
      { tier: 'private', up: 0, down: 0, stay: 0, gone: 0, total: 0 },
      { tier: 'vip', up: 1, down: 0, stay: 2, gone: 0, total: 3 },
      { tier: 'affluent', up: 1, down: 1, stay: 0, gone: 0, total: 2 },
      { tier: 'wealth', up: 0, down: 0, stay: 0, gone: 1, total: 1 },
      { tier: 'mass', up: 0, down: 1, stay: 1, gone: 0, total: 2 },
      { tier: 'unrated', up: 0, down: 0, stay: 0, gone: 0, total: 0 },
    ]);
  });
});

describe('transitionMatrix: edge cases', () => {
  test('repeated pairs are added up (e.g. a query grouped by branch too)', () => {
    const m = transitionMatrix(
      [
        { from: 'a', to: 'b', customers: 2, amount: 10 },
        { from: 'a', to: 'b', customers: 3, amount: 5 },
      ],
      ['a', 'b'],
    );
    expect(m.counts[1]).toEqual([0, 5, 0]);
    expect(m.amounts[1]).toEqual([0, 15, 0]);
  });

  test('empty input gives an all-zero matrix with stable axes', () => {
    const m = transitionMatrix([], ['a', 'b']);
    expect(m.counts).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(m.total).toBe(0);
    expect(rowShares(m)).toEqual(m.counts);
  });

  test('moving out of unrated counts as up', () => {
    const t = movementTotals(transitionMatrix([{ from: 'unrated', to: 'b', customers: 4 }], ['a', 'b', 'unrated']), ['a', 'b', 'unrated']);
    expect([t.up, t.down, t.stay]).toEqual([4, 0, 0]);
  });

  test.each([
    [{ from: 'gold', to: 'a', customers: 1 }, /unknown from-tier "gold"/],
    [{ from: 'a', to: 'gold', customers: 1 }, /unknown to-tier "gold"/],
    [{ from: '(gone)', to: 'a', customers: 1 }, /"\(gone\)" cannot be a from-tier/],
    [{ from: 'a', to: '(new)', customers: 1 }, /"\(new\)" cannot be a to-tier/],
    [{ from: '(new)', to: '(gone)', customers: 1 }, /in neither period/],
    [{ from: 'a', to: 'b', customers: -1 }, /invalid customer count/],
    [{ from: 'a', to: 'b', customers: NaN }, /invalid customer count/],
  ])('rejects %o', (cell, message) => {
    expect(() => transitionMatrix([cell], ['a', 'b'])).toThrow(message);
  });

  test('rejects a bad tier order', () => {
    expect(() => transitionMatrix([], ['a', 'a'])).toThrow(/listed twice/);
    expect(() => transitionMatrix([], ['a', '(new)'])).toThrow(/reserved/);
    expect(() => transitionMatrix([], [])).toThrow(/empty/);
  });

  test('movementTotals refuses an order different from the matrix', () => {
    const m = transitionMatrix([], ['a', 'b']);
    expect(() => movementTotals(m, ['b', 'a'])).toThrow(/does not match/);
  });
});

describe('sankeyFlows: chained periods', () => {
  // Three periods, tiers a > b. Step 1 (p1 → p2): a→a 3, a→b 1, b→(gone) 2, (new)→b 1.
  // Step 2 (p2 → p3): a→a 2, a→(gone) 1, b→a 2, (new)→a 4.
  const steps: TransitionCell[][] = [
    [
      { from: 'a', to: 'a', customers: 3 },
      { from: 'a', to: 'b', customers: 1 },
      { from: 'b', to: '(gone)', customers: 2 },
      { from: '(new)', to: 'b', customers: 1 },
      { from: 'b', to: 'b', customers: 0 },
    ],
    [
      { from: 'a', to: 'a', customers: 2 },
      { from: 'a', to: '(gone)', customers: 1 },
      { from: 'b', to: 'a', customers: 2 },
      { from: '(new)', to: 'a', customers: 4 },
    ],
  ];
  const f = sankeyFlows(['p1', 'p2', 'p3'], steps, ['a', 'b']);

  test('nodes in period, tier, (new), (gone) order; only those with flow', () => {
    expect(f.nodes.map((n) => n.id)).toEqual(['p1|a', 'p1|b', 'p1|(new)', 'p2|a', 'p2|b', 'p2|(new)', 'p2|(gone)', 'p3|a', 'p3|(gone)']);
    expect(f.nodes[2]).toEqual({ id: 'p1|(new)', period: 'p1', tier: '(new)' });
  });

  test('links go from one period to the next; zero flows dropped', () => {
    expect(f.links).toEqual([
      { source: 'p1|(new)', target: 'p2|b', value: 1 },
      { source: 'p1|a', target: 'p2|a', value: 3 },
      { source: 'p1|a', target: 'p2|b', value: 1 },
      { source: 'p1|b', target: 'p2|(gone)', value: 2 },
      { source: 'p2|(new)', target: 'p3|a', value: 4 },
      { source: 'p2|a', target: 'p3|a', value: 2 },
      { source: 'p2|a', target: 'p3|(gone)', value: 1 },
      { source: 'p2|b', target: 'p3|a', value: 2 },
    ]);
  });

  test('rejects mismatched steps and ambiguous ids', () => {
    expect(() => sankeyFlows(['p1', 'p2'], [], ['a'])).toThrow(/take 1 step\(s\) of cells, got 0/);
    expect(() => sankeyFlows(['p|1', 'p2'], [[]], ['a'])).toThrow(/contains "\|"/);
    expect(() => sankeyFlows(['p1', 'p1'], [[]], ['a'])).toThrow(/listed twice/);
  });
});
