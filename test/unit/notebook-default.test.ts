import { describe, expect, test } from 'vitest';
import { defaultNotebook } from '../../src/notebook/default-notebook';
import { buildGraph, dirtyAfter } from '../../src/notebook/deps';
import type { SchemeKind } from '../../src/schemes/types';
import type { Notebook } from '../../src/notebook/types';

const views = (nb: Notebook) => nb.cells.flatMap((c) => (c.kind === 'view' ? [c.view] : []));
const ids = (nb: Notebook) => nb.cells.map((c) => c.id);

describe('defaultNotebook', () => {
  test('a ladder with several periods: every view, period params, Chinese titles', () => {
    const nb = defaultNotebook({
      schemeId: 'retail-aum',
      schemeKind: 'ladder',
      hasTwoAxes: false,
      periods: ['2024-10', '2024-2', '2024-9'],
      locale: 'zh-CN',
    });
    expect(nb.format).toBe('tierlens-notebook');
    expect(nb.version).toBe(1);
    // Figures and main charts first, threshold views beside the charts they move, overview last;
    // the period and compare-with choices are docked in the bar.
    expect(ids(nb)).toEqual([
      'title', 'param-period', 'param-from', 'kpi', 'scheme', 'tiers', 'tier-mix', 'histogram', 'tier-by-branch', 'near', 'sensitivity',
      'migration', 'psi', 'sankey', 'projection', 'lorenz', 'before-after', 'segments', 'overview',
    ]);
    expect(views(nb)).toEqual(['kpi', 'tiers', 'tier-mix', 'histogram', 'tier-by-branch', 'near', 'sensitivity', 'migration', 'psi', 'sankey', 'projection', 'lorenz', 'before-after', 'segments', 'overview']);
    const period = nb.cells.find((c) => c.id === 'param-period');
    expect(period).toMatchObject({ kind: 'param', name: 'period', control: 'select', value: '2024-10', options: ['2024-2', '2024-9', '2024-10'] });
    expect(nb.cells.find((c) => c.id === 'param-from')).toMatchObject({ name: 'from', value: '2024-9' });
    // One compare-with choice: migration runs from it to the period shown.
    expect(nb.cells.filter((c) => c.kind === 'param').every((c) => c.kind === 'param' && c.dock === 'bar')).toBe(true);
    expect(nb.cells.some((c) => c.id === 'param-to')).toBe(false);
    expect(nb.cells.find((c) => c.id === 'migration')).toMatchObject({ options: { fromParam: 'from', toParam: 'period' } });
    const scheme = nb.cells.find((c) => c.kind === 'scheme');
    expect(scheme).toMatchObject({ schemeId: 'retail-aum', title: '分级方案' });
    expect(scheme?.kind === 'scheme' && scheme.scheme === scheme.saved).toBe(true);
    expect(nb.cells[0]).toMatchObject({ kind: 'markdown' });
    expect(nb.cells.find((c) => c.id === 'tiers')?.title).toBe('客户分层分布');
    // The page is a sound graph: no problems, and a period change re-runs what reads it.
    expect(buildGraph(nb.cells).issues.size).toBe(0);
    expect(dirtyAfter(['period'], nb.cells)).toEqual(['title', 'kpi', 'tiers', 'histogram', 'tier-by-branch', 'near', 'sensitivity', 'migration', 'psi', 'sankey', 'projection', 'lorenz', 'before-after', 'segments']);
    expect(dirtyAfter(['from'], nb.cells)).toEqual(['kpi', 'migration', 'psi', 'sankey', 'projection']);
    expect(dirtyAfter(['scheme'], nb.cells)).not.toContain('overview');
  });

  test('one period: no from/to, no over-time views', () => {
    const nb = defaultNotebook({ schemeId: 'value-matrix', schemeKind: 'quadrant', hasTwoAxes: true, periods: ['2024Q4'], locale: 'en' });
    expect(ids(nb)).toEqual(['title', 'param-period', 'kpi', 'scheme', 'tiers', 'quadrant', 'tier-by-branch', 'before-after', 'segments', 'overview']);
    expect(nb.cells.find((c) => c.id === 'tiers')?.title).toBe('Tier distribution');
    expect(nb.cells[0]?.kind === 'markdown' && nb.cells[0].text).toContain('# Customer tiering');
    expect(buildGraph(nb.cells).issues.size).toBe(0);
  });

  test('no periods: a period param with no value, still a sound graph', () => {
    const nb = defaultNotebook({ schemeId: 'x', schemeKind: 'rules', hasTwoAxes: false, periods: [], locale: 'zh-CN', scheme: { kind: 'rules' } });
    expect(nb.cells.find((c) => c.id === 'param-period')).toMatchObject({ value: null, options: [] });
    expect(buildGraph(nb.cells).issues.size).toBe(0);
  });

  test.each<[SchemeKind, boolean, string[]]>([
    ['ladder', false, ['histogram', 'near', 'sensitivity']],
    ['scorecard', false, []],
    ['rules', false, []],
    ['quadrant', true, ['quadrant']],
    ['profile', false, []],
    ['pareto', false, []],
    ['rfm', false, []],
  ])('%s: kind-specific views %j', (kind, twoAxes, specific) => {
    const nb = defaultNotebook({ schemeId: 'x', schemeKind: kind, hasTwoAxes: twoAxes, periods: ['a', 'b'], locale: 'zh-CN', scheme: {} });
    const optional = ['quadrant', 'histogram', 'near', 'sensitivity'];
    expect(views(nb).filter((v) => optional.includes(v))).toEqual(specific);
  });

  test('the scheme comes from the presets unless given; an unknown id without a scheme is refused', () => {
    const nb = defaultNotebook({ schemeId: 'retail-aum', schemeKind: 'ladder', hasTwoAxes: false, periods: ['a'], locale: 'zh-CN' });
    const cell = nb.cells.find((c) => c.kind === 'scheme');
    expect(cell?.kind === 'scheme' && cell.scheme).toMatchObject({ id: 'retail-aum', kind: 'ladder' });
    expect(() => defaultNotebook({ schemeId: 'mine', schemeKind: 'ladder', hasTwoAxes: false, periods: [], locale: 'en' })).toThrow('"mine"');
  });
});
