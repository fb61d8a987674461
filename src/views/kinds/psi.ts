import { psi as psiOf, type PsiResult } from '../../analysis/psi';
import type { TierCount } from '../../analysis/tier-distribution';
import { buildPsiOption } from '../../charts/psi';
import { formatPeriod } from '../../i18n/format';
import { COMPARING, type ViewDef } from '../view';

export interface PsiModel {
  readonly view: 'psi';
  readonly from: string;
  readonly to: string;
  readonly result: PsiResult;
}

/** How far the tier mix moved between two periods (population stability index). */
export const psi: ViewDef<'psi', PsiModel> = {
  kind: 'psi',
  titleKey: 'viewPsi',
  cellTitleKey: 'nbPsi',
  width: 'half',
  ...COMPARING,
  slide: true,
  async compute({ scheme, analyst, pair, order, signal }) {
    const [from, to] = pair();
    const a = await analyst.tiers(scheme, from, signal);
    const b = await analyst.tiers(scheme, to, signal);
    const rec = (c: readonly TierCount[]) => Object.fromEntries(c.map((x) => [x.tier, x.customers]));
    return { view: 'psi', from, to, result: psiOf(rec(a.counts), rec(b.counts), { tiers: order }) };
  },
  chart: (model, { tiers, locale, title }) => buildPsiOption({ result: model.result, tiers, expectedLabel: formatPeriod(model.from), actualLabel: formatPeriod(model.to), locale, title }),
  table(model, { h, percent, name }) {
    // Contributions stay plain numbers: table cells show their significant digits (0.000041, not 0).
    const cols = [h('colTier'), percent('colExpectedShare'), percent('colActualShare'), h('colPsi')];
    return { columns: cols, formats: { [cols[1]!]: 'share', [cols[2]!]: 'share' }, rows: model.result.perTier.map((x) => ({ [cols[0]!]: name(x.tier), [cols[1]!]: x.expected, [cols[2]!]: x.actual, [cols[3]!]: x.contribution })) };
  },
};
