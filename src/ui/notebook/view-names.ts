import type { MessageKey } from '../../i18n/messages';
import type { ViewKind } from '../../notebook/types';

/** Each view's name (the add menu; a new view's title). */
export const VIEW_NAMES: Record<ViewKind, MessageKey> = {
  overview: 'viewOverview',
  kpi: 'viewKpi',
  tiers: 'viewTiers',
  'tier-mix': 'viewTierMix',
  'tier-by-branch': 'viewTierByBranch',
  quadrant: 'viewQuadrant',
  migration: 'viewMigration',
  sankey: 'viewSankey',
  histogram: 'viewHistogram',
  lorenz: 'viewLorenz',
  psi: 'viewPsi',
  projection: 'viewProjection',
  near: 'viewNear',
  sensitivity: 'viewSensitivity',
  'before-after': 'viewBeforeAfter',
};
