import { describe, expect, test } from 'vitest';
import type { DrillList } from '../../src/app/analyst';
import type { TierDef } from '../../src/schemes/types';
import { drillTable, drillTitle } from '../../src/views/drill';

const TIERS: TierDef[] = [
  { id: 'private', label: { zh: '私行', en: 'Private' }, color: '#111' },
  { id: 'vip', label: { zh: '贵宾', en: 'VIP' }, color: '#222' },
  { id: 'mass', label: { zh: '大众', en: 'Mass' }, color: '#333' },
];
const BOUNDS = [
  { tier: 'private', min: 6_000_000 },
  { tier: 'vip', min: 500_000 },
];
const list = (segment: DrillList['segment'], rows: DrillList['rows']): DrillList => ({ segment, rows, name: false, branch: false, amount: true });

describe('customer lists: the gap to the next tier up', () => {
  test.each<[string, DrillList, (string | number | null)[][]]>([
    [
      'a tier: each customer\'s next tier and how much is missing',
      list({ kind: 'tier', period: '2025-12', tier: 'mass' }, [
        { customer_id: 'c1', tier: 'mass', amount: 499_999.99 },
        { customer_id: 'c2', tier: 'mass', amount: 0 },
      ]),
      [
        ['c1', '大众', 499_999.99, '贵宾', 0.01],
        ['c2', '大众', 0, '贵宾', 500_000],
      ],
    ],
    [
      'the top tier has no tier above it, a missing amount no gap',
      list({ kind: 'tier', period: '2025-12', tier: 'private' }, [
        { customer_id: 'c3', tier: 'private', amount: 7_000_000 },
        { customer_id: 'c4', tier: 'mass', amount: null },
      ]),
      [
        ['c3', '私行', 7_000_000, null, null],
        ['c4', '大众', null, null, null],
      ],
    ],
    [
      'a move: the gap at the end of the move',
      list({ kind: 'move', from: '2025-11', to: '2025-12', fromTier: 'vip', toTier: 'mass' }, [{ customer_id: 'c5', from_tier: 'vip', to_tier: 'mass', amount_from: 600_000, amount_to: 450_000 }]),
      [['c5', '贵宾', '大众', 600_000, 450_000, '贵宾', 50_000]],
    ],
  ])('%s', (_name, drilled, expected) => {
    const t = drillTable(drilled, TIERS, 'zh-CN', 'yuan', { bounds: BOUNDS });
    expect(t.columns.slice(-2)).toEqual(['上一层级', '距上一层级差额（元）']);
    const rows = t.rows.map((r) => t.columns.map((c) => r[c] ?? null));
    expect(rows.map((r) => r.map((v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v)))).toEqual(expected);
    // The gap is an amount like the amounts beside it (exported as #,##0.00).
    expect(t.formats?.['距上一层级差额（元）']).toBe('amount');
  });

  test("a scorecard's list shows the score, a quadrant's its two axes, by their names", () => {
    const scored = { ...list({ kind: 'tier', period: null, tier: 'vip' }, [{ customer_id: 'c1', tier: 'vip', score: 87.5, amount: null }]), amount: false, extras: ['score'] };
    const t = drillTable(scored, TIERS, 'zh-CN', 'none', { extraHeader: (c) => (c === 'score' ? '评分' : c) });
    expect(t.columns).toEqual(['客户号', '层级', '评分']);
    expect(t.rows[0]).toEqual({ 客户号: 'c1', 层级: '贵宾', 评分: 87.5 });
  });

  test('no ladder, no gap columns', () => {
    const t = drillTable(list({ kind: 'tier', period: null, tier: 'vip' }, [{ customer_id: 'c1', tier: 'vip', amount: 1 }]), TIERS, 'en', 'yuan');
    expect(t.columns.some((c) => /next tier/i.test(c))).toBe(false);
  });

  test('a list of one group names the group; an empty value is said as such', () => {
    expect(drillTitle({ kind: 'tier', period: '2025-12', tier: 'vip', group: { field: 'branch', value: '滨江支行' } }, 12, TIERS, 'zh-CN')).toBe('滨江支行 · 贵宾 · 2025-12：12 位客户');
    expect(drillTitle({ kind: 'tier', period: '2025-12', tier: 'vip', group: { field: 'customer_type', value: null } }, 1, TIERS, 'en')).toMatch(/^\(empty\) · VIP · 2025-12: 1 customer$/);
  });
});
