import { describe, expect, test } from 'vitest';
import { CHART_VIEWS, composeDeck, formatKnobValue, thresholdFacts } from '../../src/views/deck';
import { chartOf } from '../../src/views/chart';
import type { DatasetInfo } from '../../src/ingest/dataset';
import { defaultNotebook } from '../../src/notebook/default-notebook';
import type { Cell } from '../../src/notebook/types';
import { presetById } from '../../src/schemes/presets';
import type { Scheme } from '../../src/schemes/types';

const periods = ['2025-10-31', '2025-11-30', '2025-12-31'];
const dataset = { table: 'dataset', rows: 123456, periods, fields: ['customer_id', 'aum'], columns: [], duplicateIds: 0, problems: [] } as unknown as DatasetInfo;
const retail = presetById('retail-aum');
const notebookFor = (scheme: Scheme, locale: 'zh-CN' | 'en' = 'zh-CN') =>
  defaultNotebook({ schemeId: scheme.id, schemeKind: scheme.kind, hasTwoAxes: scheme.kind === 'quadrant', periods, locale, scheme });
const params = { period: '2025-12-31', from: '2025-11-30', to: '2025-12-31' };

describe('composeDeck', () => {
  test('a title slide, then one slide per chart view in the notebook order; no parameters, scheme, text, overview or lists', () => {
    const nb = notebookFor(retail);
    const deck = composeDeck({ cells: nb.cells, scheme: retail, dataset, files: ['retail_panel_24m.parquet'], params, locale: 'zh-CN' });
    expect(deck[0]!.kind).toBe('title');
    const ids = deck.slice(1).map((s) => (s.kind === 'cell' ? s.cellId : s.kind));
    expect(ids).toEqual(['tiers', 'tier-mix', 'histogram', 'tier-by-branch', 'migration', 'psi', 'sankey', 'projection', 'lorenz', 'segments']);
    for (const left of ['title', 'overview', 'param-period', 'param-from', 'param-to', 'scheme', 'near', 'sensitivity', 'before-after']) expect(ids).not.toContain(left);
    expect(deck.slice(1).every((s) => s.kind === 'cell' && s.title.length > 0)).toBe(true);
  });

  test('an SQL chart is a slide, its SQL table and a markdown note are not', () => {
    const cells: Cell[] = [
      { id: 'note', kind: 'markdown', text: 'x' },
      { id: 'q', kind: 'sql', title: 'Q', sql: 'SELECT 1' },
      { id: 'c', kind: 'chart', title: '每期客户数', sourceCell: 'q', chart: 'bar', x: 'period', y: 'n' },
    ];
    const deck = composeDeck({ cells, scheme: undefined, dataset: undefined, files: [], params: {}, locale: 'zh-CN' });
    expect(deck.map((s) => (s.kind === 'cell' ? s.cellId : s.kind))).toEqual(['title', 'c']);
    expect(deck[0]).toEqual({ kind: 'title', heading: '客户分级分析', facts: [], thresholds: [] });
  });

  test('the chart views are the views chartOf draws', () => {
    // A view outside CHART_VIEWS has no chart: a slide of it would show only a table.
    for (const view of ['overview', 'near', 'sensitivity', 'before-after'] as const) expect(CHART_VIEWS.has(view)).toBe(false);
    expect(chartOf({ view: 'near', period: null, rows: [] } as never, retail, 'zh-CN', 't')).toBeUndefined();
  });

  test('title slide in Chinese: scheme, periods, files, rows and the ladder bounds in 万', () => {
    const [title] = composeDeck({ cells: notebookFor(retail).cells, scheme: retail, dataset, files: ['a.csv', 'b.csv'], params, locale: 'zh-CN' });
    expect(title).toEqual({
      kind: 'title',
      heading: '客户分级分析 · 零售客户资产分层',
      facts: [
        { label: '当前期次', value: '2025-12' },
        { label: '对比期次', value: '2025-11 → 2025-12' },
        { label: '数据文件', value: 'a.csv、b.csv' },
        { label: '数据期次', value: '3（2025-10 – 2025-12）' },
        { label: '数据行数', value: '123,456' },
      ],
      thresholds: [
        { label: '私人银行', value: '≥ 500万' },
        { label: '贵宾', value: '≥ 50万' },
        { label: '财富', value: '≥ 10万' },
        { label: '理财', value: '≥ 5万' },
      ],
    });
  });

  test('title slide in English: the same facts, amounts in K/M', () => {
    const title = composeDeck({ cells: notebookFor(retail, 'en').cells, scheme: retail, dataset, files: ['a.csv'], params, locale: 'en' })[0]!;
    expect(title.kind === 'title' && title.heading).toBe('Customer tiering · Retail AUM tiers');
    expect(title.kind === 'title' && title.facts.map((f) => f.label)).toEqual(['Period', 'Compared', 'Data files', 'Periods in the data', 'Rows']);
    expect(title.kind === 'title' && title.thresholds.map((f) => f.value)).toEqual(['≥ 5M', '≥ 500K', '≥ 100K', '≥ 50K']);
  });

  test('one period: no comparison line; a rules scheme lists its rule numbers', () => {
    const rules = presetById('corporate-layers');
    const title = composeDeck({ cells: [], scheme: rules, dataset: { ...dataset, periods: ['2025-12'] }, files: [], params: { period: '2025-12', from: '2025-12', to: '2025-12' }, locale: 'zh-CN' })[0]!;
    if (title.kind !== 'title') throw new Error('no title slide');
    expect(title.facts.map((f) => f.label)).toEqual(['当前期次', '数据期次', '数据行数']);
    expect(title.facts[1]!.value).toBe('2025-12');
    expect(title.thresholds.length).toBeGreaterThan(0);
    expect(title.thresholds).toEqual(thresholdFacts(rules, 'zh-CN'));
    // Rule numbers are not bounds: no "≥" of ours in front of them.
    expect(title.thresholds.every((f) => !f.value.startsWith('≥'))).toBe(true);
  });

  test('knob values read as the editor shows them', () => {
    expect(formatKnobValue({ kind: 'amount', value: 5_000_000 }, 'zh-CN')).toBe('500万');
    expect(formatKnobValue({ kind: 'amount', value: 150_000_000 }, 'en')).toBe('150M');
    expect(formatKnobValue({ kind: 'share', value: 0.8 }, 'zh-CN')).toBe('80.0%');
    expect(formatKnobValue({ kind: 'score', value: 1200 }, 'zh-CN')).toBe('1,200');
  });
});
