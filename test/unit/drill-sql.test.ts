import { describe, expect, test } from 'vitest';
import { drillColumnsOf, drillQuery, type DrillSource, type Segment } from '../../src/analysis/drill-sql';
import { presetById } from '../../src/schemes/presets';

const SOURCE: DrillSource = { compiledSql: 'SELECT * FROM scored', dataset: 'dataset', amount: 'aum', hasPeriod: true, hasName: true, hasBranch: true, hasColumn: (c) => ['branch', 'customer_type'].includes(c) };

describe('drill queries', () => {
  test.each<[string, Segment, DrillSource, string[]]>([
    ['a tier in a period', { kind: 'tier', period: '2025-12-31', tier: 'vip' }, SOURCE, ['2025-12-31', '2025-12-31', 'vip']],
    ['a tier in one branch', { kind: 'tier', period: '2025-12-31', tier: 'vip', group: { field: 'branch', value: "O'Brien %" } }, SOURCE, ['2025-12-31', '2025-12-31', 'vip', "O'Brien %"]],
    ['a tier of one customer type', { kind: 'tier', period: '2025-12-31', tier: 'vip', group: { field: 'customer_type', value: 'x"; DROP' } }, SOURCE, ['2025-12-31', '2025-12-31', 'vip', 'x"; DROP']],
    ['a tier of customers with no value', { kind: 'tier', period: '2025-12-31', tier: 'vip', group: { field: 'customer_type', value: null } }, SOURCE, ['2025-12-31', '2025-12-31', 'vip']],
    ['a tier without periods', { kind: 'tier', period: null, tier: 'A' }, { ...SOURCE, hasPeriod: false }, ['A']],
    ['a tier, no names or branches', { kind: 'tier', period: '2025-12', tier: 'A' }, { ...SOURCE, hasName: false, hasBranch: false }, ['2025-12', 'A']],
    ['a move', { kind: 'move', from: '2025-11', to: '2025-12', fromTier: '(new)', toTier: 'mass' }, SOURCE, ['2025-11', '2025-12', '2025-12', '2025-11', '(new)', 'mass']],
  ])('%s: values only as parameters, in the order of the text', (_name, segment, source, params) => {
    const q = drillQuery(source, segment);
    expect(q.params).toEqual(params);
    expect((q.sql.match(/\?/g) ?? []).length).toBe(params.length);
    // The segment's own values never appear in the text (the (new)/(gone) labels are the query's).
    for (const p of params) if (p.length > 2 && !/^\((new|gone)\)$/.test(p)) expect(q.sql).not.toContain(p);
  });

  test('largest amount first, then by id; a limit for a first screen', () => {
    const q = drillQuery(SOURCE, { kind: 'tier', period: '2025-12', tier: 'vip' }, 100);
    expect(q.sql).toMatch(/ORDER BY amount DESC NULLS LAST, r\.customer_id LIMIT 100$/);
    expect(drillQuery(SOURCE, { kind: 'move', from: 'a', to: 'b', fromTier: 'x', toTier: 'y' }).sql).toMatch(/ORDER BY coalesce\(m\.amount_to, m\.amount_from\) DESC NULLS LAST, m\.customer_id$/);
  });

  test("a tier's list carries the scheme's own columns (a score, two axes), quoted", () => {
    const q = drillQuery({ ...SOURCE, extras: ['x', 'y'] }, { kind: 'tier', period: '2025-12', tier: 'star' });
    expect(q.sql).toMatch(/^SELECT r\.customer_id, p\.customer_name, p\.branch, r\.tier, r\."x", r\."y", r\."aum"::DOUBLE AS amount/);
    expect(drillColumnsOf(presetById('value-matrix'))).toEqual(['x', 'y']);
    expect(drillColumnsOf(presetById('retail-aum'))).toEqual([]);
  });

  test("a group's field must be a dataset column (its name is quoted, never taken as SQL)", () => {
    expect(() => drillQuery(SOURCE, { kind: 'tier', period: null, tier: 'a', group: { field: 'region', value: 'b' } })).toThrow(/region/);
    const q = drillQuery({ ...SOURCE, hasColumn: () => true }, { kind: 'tier', period: null, tier: 'a', group: { field: 'a"b', value: 'b' } });
    expect(q.sql).toContain('any_value("a""b")');
  });
});
