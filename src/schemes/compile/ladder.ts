import { num, str } from '../../sql/quote';
import type { Bound } from '../types';

/** `v >= min` (or `v > min` for a strict bound), as SQL. */
export function boundTest(v: string, b: Bound): string {
  return `${v} ${b.inclusive === false ? '>' : '>='} ${num(b.min)}`;
}

/** CASE branches placing a value on a ladder of lower bounds, best first. */
export function ladderBranches(v: string, bounds: readonly Bound[]): string[] {
  return bounds.map((b) => `WHEN ${boundTest(v, b)} THEN ${str(b.tier)}`);
}
