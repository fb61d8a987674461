import retailAum from './presets/retail-aum.json';
import type { Scheme } from './types';
import { validateScheme } from './validate';

/** The built-in schemes, validated like any user file. More arrive with the scheme engine. */
export const PRESETS: readonly Scheme[] = [retailAum].map(validateScheme);

/** Finds a preset by id; fails fast with the list of known ids. */
export function presetById(id: string): Scheme {
  const found = PRESETS.find((p) => p.id === id);
  if (!found) throw new Error(`unknown scheme "${id}" (built-in: ${PRESETS.map((p) => p.id).join(', ')})`);
  return found;
}
