import type { Segment } from '../../analysis/drill-sql';
import type { TierCount } from '../../analysis/tier-distribution';
import { buildQuadrantOption, QUADRANT_MAX_POINTS, quadrantExtents } from '../../charts/quadrant';
import { labelIn } from '../../i18n/messages';
import type { QuadrantScheme } from '../../schemes/types';
import { PERIOD_OPTIONS, type ViewDef } from '../view';

type Density = { xEdges: number[]; yEdges: number[]; counts: number[][] };

export interface QuadrantModel {
  readonly view: 'quadrant';
  readonly period: string | null;
  readonly counts: readonly TierCount[];
  readonly points: readonly { x: number; y: number }[];
  readonly density?: Density;
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  readonly xCut: number;
  readonly yCut: number;
}

const quadrantCache = new WeakMap<object, { x: [number, number]; y: [number, number]; densities: Map<string, Density> }>();

/** A two-axis scheme's customers on its plane, with cut lines the user can drag. */
export const quadrant: ViewDef<'quadrant', QuadrantModel, QuadrantScheme> = {
  kind: 'quadrant',
  titleKey: 'viewQuadrant',
  cellTitleKey: 'nbQuadrant',
  width: 'full',
  options: PERIOD_OPTIONS,
  needs: { scheme: { kind: 'quadrant', reason: 'viewQuadrantOnly' } },
  slide: true,
  async compute({ scheme, analyst, period, signal }) {
    const tuner = await analyst.quadrantTuner(scheme, period, signal);
    const counts = tuner.counts(scheme.x.cut, scheme.y.cut);
    // The data's extent, sample and density are computed once per tuner: a cut-line drag only
    // moves the cuts (and widens the axes if a cut leaves the data's range).
    let shape = quadrantCache.get(tuner);
    if (!shape) {
      const extent = (v: Float64Array): [number, number] => {
        let lo = Infinity;
        let hi = -Infinity;
        for (const x of v) {
          if (x < lo) lo = x;
          if (x > hi) hi = x;
        }
        return lo <= hi ? [lo, hi] : [0, 1];
      };
      shape = { x: extent(tuner.x), y: extent(tuner.y), densities: new Map() };
      quadrantCache.set(tuner, shape);
    }
    const padded = ([lo, hi]: readonly [number, number], cut: number): [number, number] => {
      const a = Math.min(lo, cut);
      const b = Math.max(hi, cut);
      const pad = (b - a) * 0.04 || 1;
      return [a - pad, b + pad];
    };
    const xRange = padded(shape.x, scheme.x.cut);
    const yRange = padded(shape.y, scheme.y.cut);
    const dense = tuner.x.length > QUADRANT_MAX_POINTS;
    const edges = ([lo, hi]: readonly [number, number], n: number) => Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
    let density: Density | undefined;
    if (dense) {
      const key = `${xRange.join(',')}|${yRange.join(',')}`;
      density = shape.densities.get(key);
      if (!density) {
        const xEdges = edges(xRange, 60);
        const yEdges = edges(yRange, 40);
        density = { xEdges, yEdges, counts: tuner.density(xEdges, yEdges) };
        shape.densities.set(key, density);
      }
    }
    return { view: 'quadrant', period, counts, points: dense ? [] : tuner.sample(QUADRANT_MAX_POINTS), density, xRange, yRange, xCut: scheme.x.cut, yCut: scheme.y.cut };
  },
  segments: (model) => model.counts.filter((c) => c.customers > 0).map((c) => ({ segment: { kind: 'tier', period: model.period, tier: c.tier }, customers: c.customers })),
  chart(model, { scheme, tiers, locale, title }) {
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
  },
  table(model, { h, percent, name }) {
    const total = model.counts.reduce((s, c) => s + c.customers, 0);
    const cols = [h('colCell'), h('colTierId'), h('colCustomers'), percent('colShare')];
    return { columns: cols, formats: { [cols[3]!]: 'share' }, rows: model.counts.map((c) => ({ [cols[0]!]: name(c.tier), [cols[1]!]: c.tier, [cols[2]!]: c.customers, [cols[3]!]: total ? c.customers / total : 0 })) };
  },
};

/** The segment of the cell a point of the plane falls in (the plot's clicks land here). */
export function quadrantSegmentAt(model: QuadrantModel, scheme: QuadrantScheme, x: number, y: number): Segment {
  return { kind: 'tier', period: model.period, tier: quadrantTier(scheme, model.xCut, model.yCut, x, y) };
}

function quadrantTier(scheme: QuadrantScheme, xCut: number, yCut: number, x: number, y: number): string {
  const hx = x >= xCut;
  const hy = y >= yCut;
  return hy ? (hx ? scheme.cells.hh : scheme.cells.lh) : hx ? scheme.cells.hl : scheme.cells.ll;
}

/** The axis ranges a quadrant view shows (outliers left out), for placing its drag handles. */
export function quadrantShownRanges(model: QuadrantModel): { x: [number, number]; y: [number, number] } {
  const e = quadrantExtents({
    x: { label: '', cut: model.xCut, min: model.xRange[0], max: model.xRange[1] },
    y: { label: '', cut: model.yCut, min: model.yRange[0], max: model.yRange[1] },
    points: model.points.map((p) => ({ ...p, tier: '' })),
    density: model.density,
  });
  return { x: [e.x.min, e.x.max], y: [e.y.min, e.y.max] };
}
