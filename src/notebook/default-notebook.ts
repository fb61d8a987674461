/**
 * The notebook a user gets after choosing a scheme: a title, the data overview, the period
 * parameters, the scheme, and the analysis views that make sense for the scheme's kind and the
 * number of periods. Titles in Chinese unless the locale is English.
 */
import type { Locale } from '../i18n/format';
import { PRESETS } from '../schemes/presets';
import type { SchemeKind } from '../schemes/types';
import type { Cell, Notebook, ParamCell, SchemeJson, ViewCell, ViewKind } from './types';

export interface DefaultNotebookOptions {
  readonly schemeId: string;
  readonly schemeKind: SchemeKind;
  /** Whether the scheme has two axes (a quadrant view makes sense). */
  readonly hasTwoAxes: boolean;
  /** The periods in the data, in any order (sorted here, naturally: `2024-2` before `2024-10`). */
  readonly periods: readonly string[];
  readonly locale: Locale;
  /** The working scheme; default: the built-in preset `schemeId` (throws when there is none). */
  readonly scheme?: SchemeJson;
  /** The last saved version; default: `scheme`. */
  readonly saved?: SchemeJson | null;
}

const TEXT = {
  'zh-CN': {
    heading: '# 客户分级分析',
    intro: '方案 `{scheme}`，当前期次 **{{period}}**。调整下方参数与方案，各图表随之更新。',
    overview: '数据概览',
    period: '期次',
    from: '对比起始期',
    to: '对比目标期',
    scheme: '分级方案',
    tiers: '客户分层分布',
    tierMix: '各期层级结构',
    quadrant: '四象限分布',
    migration: '层级迁移矩阵',
    sankey: '层级迁移流向',
    histogram: '指标分布',
    near: '临界客户',
    sensitivity: '阈值敏感性',
    beforeAfter: '调整前后对比',
    byBranch: '分机构层级结构',
    psi: '层级结构稳定性（PSI）',
    projection: '层级结构预测',
    lorenz: '金额集中度（洛伦兹曲线）',
  },
  en: {
    heading: '# Customer tiering',
    intro: 'Scheme `{scheme}`, period **{{period}}**. Change the parameters and the scheme below; every view follows.',
    overview: 'Data overview',
    period: 'Period',
    from: 'From period',
    to: 'To period',
    scheme: 'Tiering scheme',
    tiers: 'Tier distribution',
    tierMix: 'Tier mix over time',
    quadrant: 'Quadrant',
    migration: 'Migration heatmap',
    sankey: 'Migration flows',
    histogram: 'Metric histogram',
    near: 'Near-threshold customers',
    sensitivity: 'Threshold sensitivity',
    beforeAfter: 'Before / after',
    byBranch: 'Tiers by branch',
    psi: 'Tier mix stability (PSI)',
    projection: 'Tier mix projection',
    lorenz: 'Amount concentration (Lorenz)',
  },
} as const;

const collator = new Intl.Collator('en', { numeric: true });

function sortedPeriods(periods: readonly string[]): string[] {
  return [...new Set(periods)].sort((a, b) => collator.compare(a, b));
}

function view(id: string, title: string, kind: ViewKind, options: Record<string, unknown> = {}): ViewCell {
  return { id, kind: 'view', title, view: kind, options };
}

function select(id: string, name: string, title: string, periods: readonly string[], value: string | null): ParamCell {
  return { id, kind: 'param', name, title, control: 'select', value, options: periods };
}

/** The default notebook for a scheme and the periods of the data. */
export function defaultNotebook(options: DefaultNotebookOptions): Notebook {
  const { schemeId, schemeKind, hasTwoAxes, locale } = options;
  const text = locale === 'en' ? TEXT.en : TEXT['zh-CN'];
  const periods = sortedPeriods(options.periods);
  const several = periods.length >= 2;
  const latest = periods[periods.length - 1] ?? null;
  const previous = periods[periods.length - 2] ?? latest;

  let scheme = options.scheme;
  if (scheme === undefined) {
    scheme = PRESETS.find((p) => p.id === schemeId);
    if (!scheme) throw new Error(`"${schemeId}" is not a built-in scheme; pass the scheme itself`);
  }
  const saved = options.saved === undefined ? scheme : options.saved;

  const period = { periodParam: 'period' };
  const fromTo = { fromParam: 'from', toParam: 'to' };
  const cells: Cell[] = [
    { id: 'title', kind: 'markdown', text: `${text.heading}\n\n${text.intro.replace('{scheme}', schemeId)}` },
    view('overview', text.overview, 'overview'),
    select('param-period', 'period', text.period, periods, latest),
  ];
  if (several) {
    cells.push(select('param-from', 'from', text.from, periods, previous));
    cells.push(select('param-to', 'to', text.to, periods, latest));
  }
  cells.push({ id: 'scheme', kind: 'scheme', title: text.scheme, schemeId, scheme, saved });
  cells.push(view('tiers', text.tiers, 'tiers', period));
  if (several) cells.push(view('tier-mix', text.tierMix, 'tier-mix'));
  cells.push(view('tier-by-branch', text.byBranch, 'tier-by-branch', period));
  if (hasTwoAxes) cells.push(view('quadrant', text.quadrant, 'quadrant', period));
  if (several) {
    cells.push(view('migration', text.migration, 'migration', fromTo));
    cells.push(view('sankey', text.sankey, 'sankey', { ...fromTo, span: 6 }));
    cells.push(view('psi', text.psi, 'psi', fromTo));
    cells.push(view('projection', text.projection, 'projection', fromTo));
  }
  if (schemeKind === 'ladder') {
    cells.push(view('histogram', text.histogram, 'histogram', period));
    cells.push(view('lorenz', text.lorenz, 'lorenz', period));
    cells.push(view('near', text.near, 'near', period));
    cells.push(view('sensitivity', text.sensitivity, 'sensitivity', period));
  }
  cells.push(view('before-after', text.beforeAfter, 'before-after', period));
  return { format: 'tierlens-notebook', version: 1, cells };
}
