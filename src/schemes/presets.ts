import abcPareto from './presets/abc-pareto.json';
import ccbCredit from './presets/ccb-credit.json';
import corporateLayers from './presets/corporate-layers.json';
import creditGrade from './presets/credit-grade.json';
import dealerScorecard from './presets/dealer-scorecard.json';
import insuranceProfile from './presets/insurance-profile.json';
import lifecycle from './presets/lifecycle.json';
import retailAum from './presets/retail-aum.json';
import rfm from './presets/rfm.json';
import salesPipeline from './presets/sales-pipeline.json';
import savingsGrade from './presets/savings-grade.json';
import starPoints from './presets/star-points.json';
import targetMatrix from './presets/target-matrix.json';
import valueMatrix from './presets/value-matrix.json';
import type { Scheme } from './types';
import { validateScheme } from './validate';

/**
 * The built-in schemes of presets.md, in its order. They are ordinary scheme files, validated
 * like any user file, so a user can open one, change it and save it as their own.
 */
export const PRESETS: readonly Scheme[] = [
  retailAum,
  starPoints,
  dealerScorecard,
  corporateLayers,
  valueMatrix,
  targetMatrix,
  creditGrade,
  ccbCredit,
  lifecycle,
  savingsGrade,
  insuranceProfile,
  abcPareto,
  salesPipeline,
  rfm,
].map(validateScheme);

/** Finds a preset by id; fails fast with the list of known ids. */
export function presetById(id: string): Scheme {
  const found = PRESETS.find((p) => p.id === id);
  if (!found) throw new Error(`unknown scheme "${id}" (built-in: ${PRESETS.map((p) => p.id).join(', ')})`);
  return found;
}
