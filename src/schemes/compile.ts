import { ident, num, str } from '../sql/quote';
import { fieldByName } from '../ingest/vocabulary';
import { UNRATED, type Scheme } from './types';

/**
 * Scheme → SQL expression giving the tier id of a row. Pure: the same text runs on DuckDB-WASM
 * and native DuckDB. Missing input, and negative amounts, are `unrated` — never the lowest tier.
 */
export function tierExpression(scheme: Scheme): string {
  const v = ident(scheme.metric);
  const invalid = fieldByName(scheme.metric).kind === 'amount' ? `${v} IS NULL OR ${v} < 0` : `${v} IS NULL`;
  const steps = scheme.tiers.map((t) => (t.min === undefined ? `ELSE ${str(t.id)}` : `WHEN ${v} >= ${num(t.min)} THEN ${str(t.id)}`));
  return `CASE WHEN ${invalid} THEN ${str(UNRATED.id)} ${steps.join(' ')} END`;
}

/** The near-threshold tier (临界) a row is close to, or NULL. */
export function nearTierExpression(scheme: Scheme): string {
  const v = ident(scheme.metric);
  if (!scheme.near?.length) return 'NULL::VARCHAR';
  const steps = scheme.near.map((b) => `WHEN ${v} >= ${num(b.from)} AND ${v} < ${num(b.to)} THEN ${str(b.tier)}`);
  return `CASE ${steps.join(' ')} END`;
}
