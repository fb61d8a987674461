import { transitionMatrix } from '../../analysis/migration';
import { projectTierMix, type Projection } from '../../analysis/projection';
import { buildProjectionOption } from '../../charts/projection';
import { COMPARING, type ViewDef } from '../view';

export interface ProjectionModel {
  readonly view: 'projection';
  readonly from: string;
  readonly to: string;
  readonly projection: Projection;
}

/** The tier mix a year ahead if customers keep moving as they did between two periods. */
export const projection: ViewDef<'projection', ProjectionModel> = {
  kind: 'projection',
  titleKey: 'viewProjection',
  cellTitleKey: 'nbProjection',
  width: 'half',
  ...COMPARING,
  slide: true,
  async compute({ scheme, analyst, pair, order, signal }) {
    const [from, to] = pair();
    const cells = await analyst.migration(scheme, from, to, { fast: true, signal });
    return { view: 'projection', from, to, projection: projectTierMix(transitionMatrix(cells, order), 12) };
  },
  chart: (model, { tiers, locale, title }) => buildProjectionOption({ projection: model.projection, tiers, locale, title }),
};
