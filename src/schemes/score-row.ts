import { fieldByName, isFieldName } from '../ingest/vocabulary';
import { dateValue, evalExpr, parseExpr, refsOf, type Value } from './expr';
import { nearTierOf, workingNearBands } from './near-bands';
import { UNRATED, type Bound, type LadderScheme, type QuadrantScheme, type RulesScheme, type ScorecardScheme } from './types';

/** Schemes whose tier depends on the row alone (no window over the period). */
export type RowScheme = LadderScheme | RulesScheme | ScorecardScheme | QuadrantScheme;

export interface RowContext {
  /** Columns the data has; optional fields outside it read as NULL, as in SQL. */
  readonly columns: ReadonlySet<string>;
  readonly asOf?: string;
}

export interface RowResult {
  readonly tier: string;
  readonly extras: Readonly<Record<string, Value>>;
}

/** The period's date: `YYYY-MM-DD` as is, `YYYY-MM` → month end, `YYYY` → 31 December. */
export function periodDate(period: unknown): Value {
  if (typeof period !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) {
    try {
      return dateValue(period);
    } catch {
      return null;
    }
  }
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return Number(m[2]) >= 1 && Number(m[2]) <= 12 ? dateValue(`${m[1]}-${m[2]}-${String(last).padStart(2, '0')}`) : null;
  }
  return /^\d{4}$/.test(period) ? dateValue(`${period}-12-31`) : null;
}

const parsed = new Map<string, ReturnType<typeof parseExpr>>();
const parse = (source: string) => {
  let e = parsed.get(source);
  if (!e) parsed.set(source, (e = parseExpr(source)));
  return e;
};

/**
 * Tiers one row in TypeScript, with exactly the semantics of the compiled SQL (tested against
 * it on random rows). For what-if views of single customers and for checking the SQL path.
 */
export function scoreRow(scheme: RowScheme, row: Readonly<Record<string, Value>>, ctx: RowContext): RowResult {
  const derived = new Map((scheme.derived ?? []).map((d) => [d.name, d.expr]));
  const lookup = (name: string): Value => {
    if (name === 'as_of') return ctx.asOf !== undefined ? dateValue(ctx.asOf) : periodDate(row.period);
    const d = derived.get(name);
    if (d !== undefined) return evalExpr(parse(d), lookup);
    if (!ctx.columns.has(name)) return null;
    return row[name] ?? null;
  };
  const ev = (source: string) => evalExpr(parse(source), lookup);
  const invalid = (names: readonly string[]) =>
    names.some((n) => {
      const v = lookup(n);
      return v === null || (isFieldName(n) && fieldByName(n).kind === 'amount' && typeof v === 'number' && v < 0);
    });
  const override = (scheme.overrides ?? []).find((o) => ev(o.when) === true)?.tier;

  switch (scheme.kind) {
    case 'ladder': {
      const v = lookup(scheme.metric);
      const tier = override ?? (invalid([scheme.metric]) || typeof v !== 'number' ? UNRATED.id : (ladderTier(v, scheme.bounds) ?? scheme.below ?? UNRATED.id));
      const near = override === undefined && typeof v === 'number' ? nearTierOf(v, tier, workingNearBands(scheme)) : null;
      return { tier, extras: { [scheme.metric]: v, near_tier: near } };
    }
    case 'rules': {
      if (override !== undefined) return { tier: override, extras: {} };
      if (invalid(scheme.requires)) return { tier: UNRATED.id, extras: {} };
      return { tier: scheme.rules.find((r) => ev(r.when) === true)?.tier ?? scheme.otherwise, extras: {} };
    }
    case 'scorecard': {
      const score = evalExpr(parse(scoreExpression(scheme)), lookup);
      const provisional = scheme.provisional ? ev(scheme.provisional) === true : false;
      const extras: Record<string, Value> = { score, provisional };
      for (const c of scheme.components) extras[`score_${c.id}`] = ev(c.expr);
      if (override !== undefined) return { tier: override, extras };
      if (invalid(scheme.requires) || typeof score !== 'number') return { tier: UNRATED.id, extras };
      return { tier: ladderTier(score, scheme.bounds) ?? scheme.below, extras };
    }
    case 'quadrant': {
      const x = ev(scheme.x.expr);
      const y = ev(scheme.y.expr);
      const extras = { x, y };
      if (override !== undefined) return { tier: override, extras };
      if (typeof x !== 'number' || typeof y !== 'number') return { tier: UNRATED.id, extras };
      const { hh, lh, hl, ll } = scheme.cells;
      return { tier: y >= scheme.y.cut ? (x >= scheme.x.cut ? hh : lh) : x >= scheme.x.cut ? hl : ll, extras };
    }
  }
}

/** The scorecard's score as one expression: the rounded sum of its components. */
export function scoreExpression(scheme: ScorecardScheme): string {
  return `round(${scheme.components.map((c) => `(${c.expr})`).join(' + ')}, ${scheme.digits})`;
}

/** The first bound a value reaches, best first; undefined below all of them. */
export function ladderTier(v: number, bounds: readonly Bound[]): string | undefined {
  return bounds.find((b) => (b.inclusive === false ? v > b.min : v >= b.min))?.tier;
}

/** Data fields a row-level scheme reads (for extracting columns). */
export function rowSchemeFields(scheme: RowScheme): string[] {
  const sources = [
    ...(scheme.overrides ?? []).map((o) => o.when),
    ...(scheme.derived ?? []).map((d) => d.expr),
    ...(scheme.kind === 'ladder' ? [scheme.metric] : []),
    ...(scheme.kind === 'rules' ? [...scheme.requires, ...scheme.rules.map((r) => r.when)] : []),
    ...(scheme.kind === 'scorecard' ? [...scheme.requires, ...scheme.components.map((c) => c.expr), ...(scheme.provisional ? [scheme.provisional] : [])] : []),
    ...(scheme.kind === 'quadrant' ? [scheme.x.expr, scheme.y.expr] : []),
  ];
  const derivedNames = new Set((scheme.derived ?? []).map((d) => d.name));
  return [...new Set(sources.flatMap((s) => refsOf(parse(s))))].filter((n) => n !== 'as_of' && !derivedNames.has(n));
}
