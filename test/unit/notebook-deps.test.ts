import { describe, expect, test } from 'vitest';
import { buildGraph, dependenciesOf, dirtyAfter, graphOf, outputsOf, type CellIssueKind } from '../../src/notebook/deps';
import type { Cell } from '../../src/notebook/types';

const param = (id: string, name: string, value: string | number = 1): Cell => ({ id, kind: 'param', name, control: 'number', value });
const sql = (id: string, text: string): Cell => ({ id, kind: 'sql', sql: text });
const chart = (id: string, sourceCell: string): Cell => ({ id, kind: 'chart', sourceCell, chart: 'bar', x: 'x', y: 'y' });

/** A notebook exercising every kind of dependency. */
const CELLS: readonly Cell[] = [
  { id: 'md', kind: 'markdown', text: '# 期次 {{period}} {{not_a_param}}' },
  param('p-period', 'period', '2024Q4'),
  param('p-from', 'from', '2024Q3'),
  param('p-to', 'to', '2024Q4'),
  param('p-min', 'min_aum', 50_000),
  { id: 's', kind: 'scheme', schemeId: 'retail-aum', scheme: {}, saved: null },
  sql('q1', "SELECT branch, count(*) AS n FROM dataset WHERE period = $period AND aum >= $min_aum AND note <> '$from' GROUP BY 1"),
  sql('q2', 'SELECT tier, count(*) FROM tiered WHERE period = $period GROUP BY 1 -- $to'),
  sql('q3', 'SELECT count(*) FROM dataset'),
  chart('c1', 'q1'),
  chart('c2', 'q2'),
  chart('c3', 'q3'),
  { id: 'v-over', kind: 'view', view: 'overview', options: {} },
  { id: 'v-tiers', kind: 'view', view: 'tiers', options: { periodParam: 'period' } },
  { id: 'v-mig', kind: 'view', view: 'migration', options: { fromParam: 'from', toParam: 'to' } },
  { id: 'v-mix', kind: 'view', view: 'tier-mix', options: { title: 'x' } },
];

describe('dependenciesOf / outputsOf', () => {
  const byId = (id: string) => CELLS.find((c) => c.id === id)!;
  test.each([
    ['md', ['period'], []],
    ['p-period', [], ['period']],
    ['s', [], ['scheme']],
    ['q1', ['data', 'period', 'min_aum'], ['cell:q1']],
    ['q2', ['data', 'scheme', 'period'], ['cell:q2']],
    ['q3', ['data'], ['cell:q3']],
    ['c1', ['cell:q1'], []],
    ['v-over', ['data'], []],
    ['v-tiers', ['scheme', 'data', 'period'], []],
    ['v-mig', ['scheme', 'data', 'from', 'to'], []],
    ['v-mix', ['scheme', 'data'], []],
  ])('%s reads %j and produces %j', (id, deps, outputs) => {
    expect(dependenciesOf(byId(id), CELLS)).toEqual(deps);
    expect(outputsOf(byId(id))).toEqual(outputs);
  });

  test('view options: …Params lists, and non-string values ignored', () => {
    const v: Cell = { id: 'v', kind: 'view', view: 'psi', options: { periodsParams: ['a', 'b', 3], fooParam: 7, barParam: '' } };
    expect(dependenciesOf(v, [])).toEqual(['scheme', 'data', 'a', 'b']);
  });
});

describe('dirtyAfter', () => {
  test.each<[string, string[], string[]]>([
    ['a param used by SQL, markdown and a view', ['period'], ['md', 'q1', 'q2', 'c1', 'c2', 'v-tiers']],
    ['a param used by one SQL cell only', ['min_aum'], ['q1', 'c1']],
    ['a param only in a string/comment of SQL, used by a view', ['from'], ['v-mig']],
    ['the scheme: views and SQL over the tiered table', ['scheme'], ['q2', 'c2', 'v-tiers', 'v-mig', 'v-mix']],
    ['the data: everything reading data, and charts of it', ['data'], ['q1', 'q2', 'q3', 'c1', 'c2', 'c3', 'v-over', 'v-tiers', 'v-mig', 'v-mix']],
    ['an SQL result: its charts', ['cell:q3'], ['c3']],
    ['two names: the union, in notebook order', ['to', 'min_aum'], ['q1', 'c1', 'v-mig']],
    ['nothing', [], []],
    ['a name nobody reads', ['region'], []],
  ])('%s', (_what, changed, dirty) => {
    expect(dirtyAfter(changed, CELLS)).toEqual(dirty);
  });

  test('accepts a prebuilt graph', () => {
    expect(dirtyAfter(['min_aum'], buildGraph(CELLS))).toEqual(['q1', 'c1']);
  });

  test('order in the notebook does not matter for dependencies', () => {
    const reversed = [...CELLS].reverse();
    expect(dirtyAfter(['period'], reversed)).toEqual(['v-tiers', 'c2', 'c1', 'q2', 'q1', 'md']);
  });
});

describe('graph', () => {
  test('a clean notebook has no issues and a topological order', () => {
    const g = buildGraph(CELLS);
    expect(g.issues.size).toBe(0);
    for (const id of g.order) {
      for (const up of g.upstream.get(id)!) expect(g.topo.indexOf(up)).toBeLessThan(g.topo.indexOf(id));
    }
    expect(g.downstream.get('p-period')).toEqual(['md', 'q1', 'q2', 'v-tiers']);
    expect(g.downstream.get('q1')).toEqual(['c1']);
    expect(g.upstream.get('q1')).toEqual(['p-period', 'p-min']);
    expect(g.producers.get('scheme')).toBe('s');
  });

  test('topo puts producers first even when they come later in the notebook', () => {
    const g = buildGraph([chart('c', 'q'), sql('q', 'SELECT $n'), param('p', 'n')]);
    expect(g.topo).toEqual(['p', 'q', 'c']);
  });

  test('two params with the same name: both reported, readers told, nothing thrown', () => {
    const cells = [param('a', 'period'), param('b', 'period'), sql('q', 'SELECT $period'), sql('r', 'SELECT 1')];
    const g = buildGraph(cells);
    expect(g.issues.get('a')).toEqual([expect.objectContaining({ kind: 'duplicate-output', names: ['period'] })]);
    expect(g.issues.get('a')![0]!.message).toContain('cell b');
    expect(g.issues.get('b')![0]!.message).toContain('cell a');
    expect(g.issues.get('q')).toEqual([expect.objectContaining({ kind: 'ambiguous-input', names: ['period'] })]);
    expect(g.issues.has('r')).toBe(false);
    expect(g.producers.has('period')).toBe(false);
    // Still re-runs readers of the name.
    expect(dirtyAfter(['period'], cells)).toEqual(['q']);
  });

  test.each<[string, Cell[], string, CellIssueKind, string]>([
    ['a missing parameter', [sql('q', 'SELECT $nope')], 'q', 'missing-input', 'no cell defines "nope"'],
    ['a chart of a missing cell', [chart('c', 'gone')], 'c', 'missing-input', 'source cell gone does not exist'],
    ['a chart of a view', [{ id: 'v', kind: 'view', view: 'tiers', options: {} }, chart('c', 'v')], 'c', 'bad-source', 'not an SQL cell'],
    ['a chart of itself', [chart('c', 'c')], 'c', 'bad-source', 'cannot draw itself'],
    ['a reserved param name', [param('p', 'data')], 'p', 'bad-name', 'reserved'],
    ['a param name unusable as $name', [param('p', 'my period')], 'p', 'bad-name', 'cannot be used as $name'],
    ['a view without a scheme cell', [{ id: 'v', kind: 'view', view: 'tiers', options: {} }], 'v', 'missing-input', '"scheme"'],
    ['a duplicate id', [sql('q', 'SELECT 1'), sql('q', 'SELECT 2')], 'q', 'duplicate-id', '"q"'],
  ])('%s is reported on the cell', (_what, cells, id, kind, message) => {
    const issues = buildGraph(cells).issues.get(id);
    expect(issues).toBeDefined();
    expect(issues![0]!.kind).toBe(kind);
    expect(issues![0]!.message).toContain(message);
  });

  test('readers of a badly named param see it as missing', () => {
    const g = buildGraph([param('p', 'data'), { id: 'm', kind: 'markdown', text: '{{x}}' }, sql('q', 'SELECT $scheme')]);
    expect(g.issues.get('p')![0]!.kind).toBe('bad-name');
    expect(g.issues.get('q')![0]).toMatchObject({ kind: 'missing-input', names: ['scheme'] });
    expect(g.issues.has('m')).toBe(false); // unknown {{x}} is just text
  });

  test('cycles are reported on every cell of the cycle, and downstream cells still get an order', () => {
    const g = graphOf([
      { id: 'a', deps: ['z'], outputs: ['x'] },
      { id: 'b', deps: ['x'], outputs: ['y'] },
      { id: 'c', deps: ['y'], outputs: ['z'] },
      { id: 'd', deps: ['z'], outputs: [] },
      { id: 'e', deps: ['e'], outputs: ['e'] },
      { id: 'f', deps: ['data'], outputs: ['w'] },
    ]);
    for (const id of ['a', 'b', 'c']) {
      expect(g.issues.get(id)).toEqual([expect.objectContaining({ kind: 'cycle', names: ['a', 'b', 'c'] })]);
    }
    expect(g.issues.get('a')![0]!.message).toContain('a → b → c → a');
    expect(g.issues.get('e')).toEqual([expect.objectContaining({ kind: 'cycle', names: ['e'] })]);
    expect(g.issues.has('d')).toBe(false);
    expect(g.issues.has('f')).toBe(false);
    expect([...g.topo].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(g.topo[0]).toBe('f');
  });
});
