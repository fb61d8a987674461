import { describe, expect, test } from 'vitest';
import type { Locale } from '../../src/i18n/format';
import { errorText, say, type Said } from '../../src/i18n/said';
import { bindParams } from '../../src/notebook/bind';
import { buildGraph } from '../../src/notebook/deps';
import { Scheduler } from '../../src/notebook/scheduler';
import type { Cell } from '../../src/notebook/types';
import { createAutosave } from '../../src/persist/autosave';
import { makeNotebookDoc, parseNotebookFile, serializeNotebook } from '../../src/persist/notebook-file';
import { checkExpr, evalExpr, parseExpr, type ExprType } from '../../src/schemes/expr';
import { knobsOf } from '../../src/schemes/knobs';
import { presetById } from '../../src/schemes/presets';
import { validateScheme } from '../../src/schemes/validate';
import { CJK, englishWords } from '../support/i18n-scan';

/**
 * The errors users meet in schemes, notebooks and saved files, said in both languages: English
 * exactly as before (tests, logs and the CLI read it), Chinese with no English sentence in it.
 */

/** What a thrown error says, in `locale`. */
function thrown(f: () => unknown): (locale: Locale) => string {
  try {
    f();
  } catch (e) {
    // `message` is the English text; errorText('en') must agree with it.
    expect(errorText('en', e)).toBe((e as Error).message);
    return (locale) => errorText(locale, e);
  }
  throw new Error('expected an error');
}

const said = (s: Said | undefined) => (locale: Locale) => say(locale, s!);

const ladder = () => JSON.parse(JSON.stringify(presetById('retail-aum'))) as Record<string, unknown>;
const types: Record<string, ExprType> = { a: 'number', s: 'string', d: 'date' };
const cell = (c: Partial<Cell> & Pick<Cell, 'id' | 'kind'>) => c as Cell;

class Storage {
  map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}

const CASES: [string, (locale: Locale) => string, string][] = [
  // Expressions: syntax, types, evaluation
  ['parse: empty in', thrown(() => parseExpr('x in ()')), '"in" needs at least one value at 2'],
  ['parse: full-width', thrown(() => parseExpr('min（a, b)')), 'unexpected character "（" (full-width punctuation; use the ASCII character) at 3'],
  ['parse: bare CJK', thrown(() => parseExpr('月日均 > 1')), 'unexpected character "月" (write non-ASCII names in backquotes, e.g. `月日均AUM`) at 0'],
  ['parse: arity', thrown(() => parseExpr('abs(1, 2)')), 'abs() takes exactly 1 argument, got 2 at 0'],
  ['parse: match', thrown(() => parseExpr('match(1, 2, 3)')), 'match() needs an even number of arguments ≥ 4 (value, key/result pairs, default), got 3 at 0'],
  ['parse: chained', thrown(() => parseExpr('1 < a < 3')), 'comparisons cannot be chained; combine them with "and" at 6'],
  ['check: needs', thrown(() => checkExpr(parseExpr('a + s'), (n) => types[n])), '"+" needs a number, got string at 2'],
  ['check: mixes', thrown(() => checkExpr(parseExpr('if(a > 1, a, s)'), (n) => types[n])), 'if() mixes number and string at 0'],
  ['check: unknown', thrown(() => checkExpr(parseExpr('b > 1'), (n) => types[n])), 'unknown name "b" at 0'],
  ['eval: compare', thrown(() => evalExpr(parseExpr('a < s'), (n) => (n === 'a' ? 1 : 'x'))), '"<" cannot compare number with string at 2'],
  ['eval: unary', thrown(() => evalExpr(parseExpr('-s'), () => 'x')), 'unary "-" needs a number, got string at 0'],
  // Scheme files
  ['scheme: format', thrown(() => validateScheme({ ...ladder(), format: 'x' })), 'scheme format: must be "tierlens-scheme"'],
  ['scheme: bounds', thrown(() => validateScheme({ ...ladder(), bounds: [{ tier: 'vip', min: 5 }, { tier: 'private', min: 9 }] })), 'scheme bounds[1].min: bounds must decrease from the best tier down (9 ≥ 5)'],
  ['scheme: tier', thrown(() => validateScheme({ ...ladder(), below: 'nope' })), 'scheme below: unknown tier "nope" (tiers: private, vip, affluent, wealth, mass)'],
  ['scheme: entries', thrown(() => validateScheme({ ...ladder(), tiers: [] })), 'scheme tiers: needs at least 1 entry'],
  ['scheme: expression', thrown(() => validateScheme({ ...ladder(), derived: [{ name: 'x', expr: 'foo(1)' }] })), 'scheme derived[0].expr: unknown function "foo" at 0'],
  // Notebook cells
  ['bind: bare ?', thrown(() => bindParams('SELECT ?', {})), '"?" at offset 7: write parameters as $name'],
  ['bind: unknown', thrown(() => bindParams('SELECT $x, $y', {})), 'unknown parameters $x, $y'],
  ['deps: missing', said(buildGraph([cell({ id: 'q', kind: 'sql', sql: 'SELECT $m' })]).issues.get('q')?.[0]?.said), 'no cell defines "m"'],
  ['deps: twice', said(buildGraph([cell({ id: 'p1', kind: 'param', name: 'n', value: 1 }), cell({ id: 'p2', kind: 'param', name: 'n', value: 2 })]).issues.get('p1')?.[0]?.said), '"n" is also defined by cell p2'],
  ['deps: reserved', said(buildGraph([cell({ id: 'p', kind: 'param', name: 'data', value: 1 })]).issues.get('p')?.[0]?.said), '"data" is reserved; choose another parameter name'],
  ['deps: chart source', said(buildGraph([cell({ id: 'm', kind: 'markdown', text: '' }), cell({ id: 'c', kind: 'chart', sourceCell: 'm' } as Partial<Cell> & Pick<Cell, 'id' | 'kind'>)]).issues.get('c')?.[0]?.said), 'chart source m is a markdown cell, not an SQL cell'],
  // Notebook files and the autosave
  ['file: no format', said(failed(parseNotebookFile('{}'))), 'not a TierLens notebook: no "format" field, expected "tierlens-notebook"'],
  ['file: field', said(failed(parseNotebookFile(JSON.stringify({ format: 'tierlens-notebook', version: 1, app: 'TierLens', savedAt: '2025-01-01T00:00:00Z', notebook: { cells: [] }, files: 3 })))), 'invalid notebook file: field "files" must be a list of {name, size} (found number 3)'],
  ['file: too new', said(failed(parseNotebookFile(JSON.stringify({ format: 'tierlens-notebook', version: 2 })))), 'this file was saved by a newer TierLens (version 2); this app reads version 1'],
  ['file: NaN', thrown(() => serializeNotebook(makeNotebookDoc({ notebook: { cells: [], x: Number.NaN }, files: [] }))), 'cannot save the notebook: "notebook.x" is NaN, which JSON cannot hold faithfully'],
  ['autosave: damaged', said(damagedAutosave()), 'the autosave pointer is missing and no autosave slot is intact'],
];

function failed(r: ReturnType<typeof parseNotebookFile>): Said | undefined {
  return r.ok ? undefined : r.said;
}

function damagedAutosave(): Said | undefined {
  const storage = new Storage();
  storage.setItem('tierlens.autosave.slot.a', 'garbage');
  return createAutosave(storage).load().said;
}

/**
 * English prose in a Chinese text: two English words in a row, leaving out quoted code ("…",
 * `…`), names of products, and lists of ids (`private, vip`), which are code too.
 */
function englishSentence(text: string): boolean {
  const prose = text.replace(/"[^"]*"|`[^`]*`/g, ' ');
  const words = englishWords(prose);
  return words.some((w, i) => i + 1 < words.length && new RegExp(`\\b${w}\\s+${words[i + 1]}\\b`).test(prose));
}

describe('errors in both languages', () => {
  test.each(CASES)('%s', (_name, text, english) => {
    expect(text('en')).toBe(english);
    const zh = text('zh-CN');
    expect(zh).toMatch(CJK);
    expect(englishSentence(zh), zh).toBe(false);
  });

  test('a cell whose input failed says so in the UI language', async () => {
    const scheduler = new Scheduler({
      cells: [cell({ id: 'q', kind: 'sql', sql: 'SELECT 1' }), cell({ id: 'c', kind: 'chart', sourceCell: 'q' } as Partial<Cell> & Pick<Cell, 'id' | 'kind'>)],
      run: async (c) => {
        if (c.kind === 'sql') throw new Error('Binder Error: column "nope" not found');
        return null;
      },
    });
    await scheduler.whenIdle();
    const q = scheduler.getCellState('q');
    const c = scheduler.getCellState('c');
    // A database's own words stay as they are, in either language.
    expect(q.said && say('zh-CN', q.said)).toBe('Binder Error: column "nope" not found');
    expect(c.error).toBe('input cell q failed');
    expect(c.said && say('en', c.said)).toBe('input cell q failed');
    expect(c.said && say('zh-CN', c.said)).toBe('输入 单元 q 出错');
    scheduler.dispose();
  });
});

describe('labels built from a scheme, in both languages', () => {
  test('profile tiers and their knobs', () => {
    const scheme = presetById('insurance-profile');
    const best = scheme.tiers[0]!;
    expect(best.label.en).toBe('HHL (Contribution high, Loyalty high, Risk low)');
    expect(best.label.zh).toBe('HHL（贡献高·忠诚高·风险低）');
    const cut = knobsOf(scheme).find((k) => k.path === 'dimensions.0.cuts.high')!;
    expect(cut.label).toEqual({ zh: '贡献：高', en: 'Contribution: high' });
  });

  test('rfm quantiles', () => {
    expect(knobsOf(presetById('rfm')).find((k) => k.path === 'quantiles.0')!.label).toEqual({ zh: '分位点 1', en: 'Quantile 1' });
  });
});
