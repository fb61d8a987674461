import type { Row } from '../../engine/rows';
import { buildTierByBranchOption } from '../../charts/tier-by-branch';
import { PERIOD_OPTIONS, type ViewDef } from '../view';

export interface TierByBranchModel {
  readonly view: 'tier-by-branch';
  readonly period: string | null;
  readonly rows: readonly Row[];
}

/** Each branch's tier mix. */
export const tierByBranch: ViewDef<'tier-by-branch', TierByBranchModel> = {
  kind: 'tier-by-branch',
  titleKey: 'viewTierByBranch',
  cellTitleKey: 'nbByBranch',
  width: 'half',
  options: PERIOD_OPTIONS,
  needs: { field: { name: 'branch', reason: 'viewNoBranch' } },
  slide: true,
  segments: (model) =>
    model.rows
      .filter((r) => Number(r.customers) > 0 && r.branch !== null && r.branch !== undefined)
      .map((r) => ({ branch: String(r.branch), segment: { kind: 'tier' as const, period: model.period, tier: String(r.tier), group: { field: 'branch', value: String(r.branch) } }, customers: Number(r.customers) }))
      .sort((a, b) => a.branch.localeCompare(b.branch, 'zh-CN') || b.customers - a.customers)
      .map(({ segment, customers }) => ({ segment, customers })),
  // A bar's series is its tier (by id), its category the branch.
  segmentAt: (model, click) =>
    click.seriesId !== undefined && typeof click.name === 'string' && click.name !== '—' ? { kind: 'tier', period: model.period, tier: click.seriesId, group: { field: 'branch', value: click.name } } : undefined,
  compute: async ({ scheme, analyst, period, signal }) => ({ view: 'tier-by-branch', period, rows: await analyst.tierByBranch(scheme, period, signal) }),
  chart: (model, { tiers, locale, title }) =>
    buildTierByBranchOption({
      tiers,
      rows: model.rows.map((r) => ({ branch: String(r.branch ?? '—'), tier: String(r.tier), customers: Number(r.customers), amount: Number(r.amount) })),
      measure: 'share',
      locale,
      title,
    }),
  table(model, { tiers, h, yuan, name }) {
    const cols = [h('colBranch'), h('colTier'), h('colCustomers'), yuan('colAmount')];
    const amounts = model.rows.some((r) => r.amount !== null && r.amount !== undefined);
    const order = new Map(tiers.map((x, i) => [x.id, i]));
    // Branches in order, each one's tiers best first (as the chart stacks them).
    const rows = [...model.rows].sort((a, b) => String(a.branch ?? '').localeCompare(String(b.branch ?? ''), 'zh-CN') || (order.get(String(a.tier)) ?? 99) - (order.get(String(b.tier)) ?? 99));
    return {
      columns: amounts ? cols : cols.slice(0, 3),
      formats: { [cols[3]!]: 'amount' },
      sources: { [cols[0]!]: 'branch' },
      rows: rows.map((r) => ({ [cols[0]!]: r.branch ?? null, [cols[1]!]: name(String(r.tier)), [cols[2]!]: r.customers ?? null, ...(amounts ? { [cols[3]!]: r.amount ?? null } : {}) })),
    };
  },
};
