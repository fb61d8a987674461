import type { DatasetInfo } from '../../ingest/dataset';
import type { ViewDef } from '../view';

export interface OverviewModel {
  readonly view: 'overview';
  readonly dataset: DatasetInfo;
}

/** The data itself: rows, periods, fields, repeated ids. */
export const overview: ViewDef<'overview', OverviewModel> = {
  kind: 'overview',
  titleKey: 'viewOverview',
  cellTitleKey: 'nbOverview',
  width: 'half',
  options: {},
  readsScheme: false,
  slide: false,
  compute: ({ dataset }) => ({ view: 'overview', dataset }),
};
