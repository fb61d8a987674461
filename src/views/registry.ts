/**
 * Every view kind, by its name in the notebook (`ViewCell.view`). A new kind is one module in
 * `kinds/` and one line here, its name added to the notebook's `VIEW_KINDS` (the names a saved
 * file may hold); the compiler holds this list to that one.
 */
import type { ViewKind } from '../notebook/types';
import type { ViewDef } from './view';
import { overview } from './kinds/overview';
import { kpi } from './kinds/kpi';
import { tiers } from './kinds/tiers';
import { tierMix } from './kinds/tier-mix';
import { tierByBranch } from './kinds/tier-by-branch';
import { quadrant } from './kinds/quadrant';
import { migration } from './kinds/migration';
import { sankey } from './kinds/sankey';
import { histogram } from './kinds/histogram';
import { lorenz } from './kinds/lorenz';
import { psi } from './kinds/psi';
import { projection } from './kinds/projection';
import { near } from './kinds/near';
import { sensitivity } from './kinds/sensitivity';
import { beforeAfter } from './kinds/before-after';
import { segments } from './kinds/segments';
import type { NotApplicable } from './view';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry's model is its own
type AnyView<K extends ViewKind> = ViewDef<K, any, any>;

export const VIEWS = {
  overview,
  kpi,
  tiers,
  'tier-mix': tierMix,
  'tier-by-branch': tierByBranch,
  quadrant,
  migration,
  sankey,
  histogram,
  lorenz,
  psi,
  projection,
  near,
  sensitivity,
  'before-after': beforeAfter,
  segments,
} as const satisfies { readonly [K in ViewKind]: AnyView<K> };

/** A view kind's model: what its compute returns. */
export type ModelOf<K extends ViewKind> = (typeof VIEWS)[K] extends ViewDef<K, infer M, infer _S> ? M : never;

/** What a view cell shows, computed from the data; the UI turns it into charts and tables. */
export type ViewModel = { readonly view: 'not-applicable'; readonly reason: NotApplicable } | { [K in ViewKind]: ModelOf<K> }[ViewKind];

/** The view kind `kind`; throws on a kind no module defines (a notebook file from elsewhere, a typo). */
export function viewDef(kind: string): AnyView<ViewKind> {
  if (!Object.hasOwn(VIEWS, kind)) throw new Error(`unknown view kind "${kind}"`);
  return VIEWS[kind as ViewKind] as AnyView<ViewKind>;
}

/** Whether `kind` names a view (a notebook from a file may name anything). */
export function isViewKind(kind: string): kind is ViewKind {
  return Object.hasOwn(VIEWS, kind);
}
