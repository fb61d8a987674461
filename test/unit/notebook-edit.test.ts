import { describe, expect, test } from 'vitest';
import { addCell, findCell, moveCell, newId, removeCell, updateCell } from '../../src/notebook/edit';
import { emptyNotebook, type Cell, type Notebook } from '../../src/notebook/types';

const md = (id: string): Cell => ({ id, kind: 'markdown', text: id });
const ids = (nb: Notebook) => nb.cells.map((c) => c.id);

function sample(): Notebook {
  const nb: Notebook = { ...emptyNotebook([md('a'), md('b'), md('c')]), mapping: { aum: 'AUM' } };
  return Object.freeze({ ...nb, cells: Object.freeze([...nb.cells]) });
}

describe('addCell', () => {
  test.each<[string, string | null | undefined, string[]]>([
    ['at the end by default', undefined, ['a', 'b', 'c', 'x']],
    ['after a cell', 'a', ['a', 'x', 'b', 'c']],
    ['after the last cell', 'c', ['a', 'b', 'c', 'x']],
    ['at the start with null', null, ['x', 'a', 'b', 'c']],
    ['at the end when the anchor is unknown', 'zzz', ['a', 'b', 'c', 'x']],
  ])('%s', (_what, after, expected) => {
    const nb = sample();
    const next = addCell(nb, md('x'), after);
    expect(ids(next)).toEqual(expected);
    expect(ids(nb)).toEqual(['a', 'b', 'c']);
    expect(next.mapping).toEqual({ aum: 'AUM' });
  });

  test('refuses a duplicate id', () => {
    expect(() => addCell(sample(), md('b'))).toThrow('"b" already exists');
  });
});

describe('removeCell', () => {
  test('removes; unknown ids leave the same notebook', () => {
    const nb = sample();
    expect(ids(removeCell(nb, 'b'))).toEqual(['a', 'c']);
    expect(removeCell(nb, 'zzz')).toBe(nb);
  });
});

describe('moveCell', () => {
  test.each<[string, string, number, string[]]>([
    ['down one', 'a', 1, ['b', 'a', 'c']],
    ['up one', 'c', -1, ['a', 'c', 'b']],
    ['down two', 'a', 2, ['b', 'c', 'a']],
    ['clamped at the end', 'b', 10, ['a', 'c', 'b']],
    ['clamped at the start', 'b', -10, ['b', 'a', 'c']],
  ])('%s', (_what, id, delta, expected) => {
    expect(ids(moveCell(sample(), id, delta))).toEqual(expected);
  });

  test('no move, unknown id or NaN: the same notebook', () => {
    const nb = sample();
    expect(moveCell(nb, 'a', 0)).toBe(nb);
    expect(moveCell(nb, 'a', -1)).toBe(nb);
    expect(moveCell(nb, 'c', 1)).toBe(nb);
    expect(moveCell(nb, 'zzz', 1)).toBe(nb);
    expect(moveCell(nb, 'a', Number.NaN)).toBe(nb);
  });
});

describe('updateCell', () => {
  const nb: Notebook = emptyNotebook([
    { id: 'p', kind: 'param', name: 'period', control: 'select', value: '2024Q3', options: ['2024Q3', '2024Q4'] },
    { id: 'q', kind: 'sql', sql: 'SELECT 1', title: 'Q' },
  ]);

  test('sets fields of the cell kind, keeping id and kind', () => {
    const next = updateCell(nb, 'p', { value: '2024Q4', title: '期次' });
    expect(findCell(next, 'p')).toEqual({
      id: 'p',
      kind: 'param',
      name: 'period',
      control: 'select',
      value: '2024Q4',
      options: ['2024Q3', '2024Q4'],
      title: '期次',
    });
    expect(findCell(nb, 'p')).toMatchObject({ value: '2024Q3' });
    expect(next.cells[1]).toBe(nb.cells[1]);
  });

  test('undefined removes an optional field', () => {
    const next = updateCell(nb, 'q', { title: undefined });
    expect(findCell(next, 'q')).toEqual({ id: 'q', kind: 'sql', sql: 'SELECT 1' });
  });

  test('refuses fields of other kinds, id/kind, and removing required fields', () => {
    expect(() => updateCell(nb, 'p', { sql: 'SELECT 2' })).toThrow('"sql" is not a field of a param cell');
    expect(() => updateCell(nb, 'q', { id: 'zz' } as never)).toThrow('"id"');
    expect(() => updateCell(nb, 'q', { kind: 'markdown' } as never)).toThrow('"kind"');
    expect(() => updateCell(nb, 'q', { sql: undefined })).toThrow('cannot be removed');
  });

  test('no change or unknown id: the same notebook', () => {
    expect(updateCell(nb, 'p', { value: '2024Q3' })).toBe(nb);
    expect(updateCell(nb, 'q', { collapsed: undefined })).toBe(nb);
    expect(updateCell(nb, 'zzz', { title: 'x' })).toBe(nb);
  });
});

describe('newId', () => {
  test('one more than the largest number used with the prefix', () => {
    expect(newId(emptyNotebook(), 'sql')).toBe('sql-1');
    const nb = emptyNotebook([md('sql-1'), md('sql-7'), md('chart-9'), md('sql'), md('sqlx-12')]);
    expect(newId(nb, 'sql')).toBe('sql-8');
    expect(newId(nb, 'chart')).toBe('chart-10');
    expect(newId(nb, 'md')).toBe('md-1');
  });

  test('prefixes with regex characters', () => {
    const nb = emptyNotebook([md('a.b-2'), md('axb-5')]);
    expect(newId(nb, 'a.b')).toBe('a.b-3');
  });

  test('ids made by newId and addCell never collide', () => {
    let nb = emptyNotebook();
    for (let i = 0; i < 5; i++) nb = addCell(nb, md(newId(nb, 'md')));
    nb = removeCell(nb, 'md-5');
    nb = addCell(nb, md(newId(nb, 'md')));
    expect(ids(nb)).toEqual(['md-1', 'md-2', 'md-3', 'md-4', 'md-5']);
  });
});
