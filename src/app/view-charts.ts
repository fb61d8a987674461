import type { EChartsOption } from 'echarts';
import { buildHistogramOption } from '../charts/histogram';
import { buildLorenzOption } from '../charts/lorenz';
import { buildMigrationHeatmapOption, type MigrationMeasure } from '../charts/migration-heatmap';
import { buildProjectionOption } from '../charts/projection';
import { buildPsiOption } from '../charts/psi';
import { buildQuadrantOption, quadrantExtents } from '../charts/quadrant';
import { buildSankeyOption } from '../charts/sankey';
import { buildTierByBranchOption } from '../charts/tier-by-branch';
import { buildTierDistributionOption } from '../charts/tier-distribution';
import { buildTierMixOverTimeOption, type TierMixMeasure } from '../charts/tier-mix-over-time';
import { formatPeriod, type Locale } from '../i18n/format';
import { labelIn } from '../i18n/messages';
import { fieldByName, isFieldName } from '../ingest/vocabulary';
import { tiersOf, type Scheme } from '../schemes/types';
import type { ViewModel } from './view-models';

export interface ChartChoices {
  readonly migrationMeasure?: MigrationMeasure;
  readonly mixMeasure?: TierMixMeasure;
}

const fieldLabel = (name: string, locale: Locale) => (isFieldName(name) ? labelIn(locale, fieldByName(name).labels) : name);

/**
 * The chart of a view model: picks the pure builder and its inputs. No drawing here; the UI hands
 * the option to ECharts.
 */
export function chartOf(model: ViewModel, scheme: Scheme, locale: Locale, title: string, choices: ChartChoices = {}): EChartsOption | undefined {
  const tiers = tiersOf(scheme);
  const schemeName = labelIn(locale, scheme.label);
  switch (model.view) {
    case 'tiers':
      return buildTierDistributionOption({
        tiers,
        counts: model.counts,
        locale,
        title: `${schemeName}${model.period ? ` · ${formatPeriod(model.period)}` : ''}`,
        amountLabel: model.amountField ? fieldLabel(model.amountField, locale) : undefined,
      });
    case 'tier-mix':
      return buildTierMixOverTimeOption({ tiers, periods: model.periods, counts: model.counts, measure: choices.mixMeasure ?? 'share', locale, title });
    case 'tier-by-branch':
      return buildTierByBranchOption({
        tiers,
        rows: model.rows.map((r) => ({ branch: String(r.branch ?? '—'), tier: String(r.tier), customers: Number(r.customers), amount: Number(r.amount) })),
        measure: 'share',
        locale,
        title,
      });
    case 'quadrant': {
      if (scheme.kind !== 'quadrant') return undefined;
      const count = (id: string) => model.counts.find((c) => c.tier === id)?.customers ?? 0;
      return buildQuadrantOption({
        x: { label: labelIn(locale, scheme.x.label), cut: model.xCut, min: model.xRange[0], max: model.xRange[1] },
        y: { label: labelIn(locale, scheme.y.label), cut: model.yCut, min: model.yRange[0], max: model.yRange[1] },
        points: model.points.map((p) => ({ ...p, tier: quadrantTier(scheme, model.xCut, model.yCut, p.x, p.y) })),
        density: model.density,
        cells: scheme.cells,
        counts: { hh: count(scheme.cells.hh), lh: count(scheme.cells.lh), hl: count(scheme.cells.hl), ll: count(scheme.cells.ll), unrated: count('unrated') },
        tiers,
        locale,
        title,
      });
    }
    case 'migration':
      return buildMigrationHeatmapOption({
        matrix: model.matrix,
        tierOrder: tiers.map((t) => t.id),
        tiers,
        measure: choices.migrationMeasure ?? 'count',
        locale,
        title,
        periods: { from: model.from, to: model.to },
      });
    case 'sankey':
      return buildSankeyOption({ flows: model.flows, tiers, locale, title });
    case 'histogram':
      return scheme.kind === 'ladder'
        ? buildHistogramOption({
            bins: model.bins,
            thresholds: model.thresholds,
            tiers,
            logX: model.log,
            metricLabel: fieldLabel(scheme.metric, locale),
            locale,
            title,
          })
        : undefined;
    case 'lorenz':
      return buildLorenzOption({ lorenz: model.lorenz, pareto: model.pareto, gini: model.gini, topShare: model.topShare, locale, title });
    case 'psi':
      return buildPsiOption({ result: model.result, tiers, expectedLabel: formatPeriod(model.from), actualLabel: formatPeriod(model.to), locale, title });
    case 'projection':
      return buildProjectionOption({ projection: model.projection, tiers, locale, title });
    default:
      return undefined;
  }
}

function quadrantTier(scheme: Extract<Scheme, { kind: 'quadrant' }>, xCut: number, yCut: number, x: number, y: number): string {
  const hx = x >= xCut;
  const hy = y >= yCut;
  return hy ? (hx ? scheme.cells.hh : scheme.cells.lh) : hx ? scheme.cells.hl : scheme.cells.ll;
}

/** The axis ranges a quadrant view shows (outliers left out), for placing its drag handles. */
export function quadrantShownRanges(model: Extract<ViewModel, { view: 'quadrant' }>): { x: [number, number]; y: [number, number] } {
  const e = quadrantExtents({
    x: { label: '', cut: model.xCut, min: model.xRange[0], max: model.xRange[1] },
    y: { label: '', cut: model.yCut, min: model.yRange[0], max: model.yRange[1] },
    points: model.points.map((p) => ({ ...p, tier: '' })),
    density: model.density,
  });
  return { x: [e.x.min, e.x.max], y: [e.y.min, e.y.max] };
}
