import { fieldByName, isFieldName } from '../../ingest/vocabulary';
import { ident, str } from '../../sql/quote';
import { exprToSql, parseExpr, refsOf } from '../expr';
import type { Scheme } from '../types';
import { LocalizedError, said } from '../../i18n/said';

/** What the compiler needs to know about the data a scheme runs on. */
export interface CompileContext {
  /** The table (or subquery alias) holding one row per customer and period. */
  readonly table: string;
  /** Columns the data has (canonical field names). */
  readonly columns: ReadonlySet<string>;
  /** `YYYY-MM-DD`; without it the period's date is the as-of date. */
  readonly asOf?: string;
}

/** A field the scheme's main rule needs is not in the data: the scheme cannot run. */
export class MissingFieldError extends Error {
  constructor(
    readonly scheme: string,
    readonly field: string,
  ) {
    super(`scheme ${scheme} needs the field "${field}", which the data does not have (map a column to it)`);
    this.name = 'MissingFieldError';
  }
}

/** SQL for the as-of date of a row: the given date, or the period read as a date (month → month end). */
export function asOfSql(ctx: CompileContext): string {
  if (ctx.asOf !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(ctx.asOf) || Number.isNaN(Date.parse(ctx.asOf))) throw new Error(`as-of date "${ctx.asOf}" is not YYYY-MM-DD`);
    return `CAST(${str(ctx.asOf)} AS DATE)`;
  }
  if (!ctx.columns.has('period')) return 'NULL::DATE';
  const p = 'CAST(period AS VARCHAR)';
  return `coalesce(TRY_CAST(${p} AS DATE), last_day(TRY_CAST(${p} || '-01' AS DATE)), TRY_CAST(${p} || '-12-31' AS DATE))`;
}

/**
 * Resolves names in a scheme's expressions to SQL: derived fields (inlined, cycles refused),
 * the special `as_of`, or data columns (quoted). Unknown names raise MissingFieldError.
 */
export class Resolver {
  private readonly derived = new Map<string, string>();
  private readonly expanding = new Set<string>();
  private readonly optional: Set<string>;
  /** Optional fields the data lacks (read as NULL); reported as warnings. */
  readonly absent = new Set<string>();

  constructor(
    private readonly scheme: Scheme,
    private readonly ctx: CompileContext,
  ) {
    for (const d of scheme.derived ?? []) this.derived.set(d.name, d.expr);
    this.optional = new Set([...(scheme.optional ?? []), ...(scheme.overrides ?? []).flatMap((o) => this.fieldsOf(o.when))]);
  }

  /** SQL for one name. */
  name = (name: string): string => {
    if (name === 'as_of') return asOfSql(this.ctx);
    const source = this.derived.get(name);
    if (source !== undefined) {
      if (this.expanding.has(name)) throw new LocalizedError(said('schemeDerivedSelf', { scheme: this.scheme.id, name }));
      this.expanding.add(name);
      try {
        return `(${this.expr(source)})`;
      } finally {
        this.expanding.delete(name);
      }
    }
    if (!this.ctx.columns.has(name)) {
      if (!this.optional.has(name)) throw new MissingFieldError(this.scheme.id, name);
      this.absent.add(name);
      return 'NULL';
    }
    return ident(name);
  };

  /** SQL for an expression string. */
  expr = (source: string): string => exprToSql(parseExpr(source), this.name);

  /** Data fields an expression needs, through derived fields. */
  fieldsOf(source: string): string[] {
    const out = new Set<string>();
    const visit = (src: string) => {
      for (const r of refsOf(parseExpr(src))) {
        const d = this.derived.get(r);
        if (d !== undefined) visit(d);
        else if (r !== 'as_of') out.add(r);
      }
    };
    visit(source);
    return [...out];
  }

  /** Data fields the expression needs that the data lacks. */
  missing(source: string): string[] {
    return this.fieldsOf(source).filter((f) => !this.ctx.columns.has(f));
  }

  /**
   * SQL that is TRUE when a required input is missing, or a negative amount (presets.md:
   * such customers are `unrated`, never the lowest tier).
   */
  invalid(names: readonly string[]): string {
    const parts = names.flatMap((n) => {
      const sql = this.name(n);
      const amount = isFieldName(n) && fieldByName(n).kind === 'amount';
      return amount ? [`${sql} IS NULL`, `${sql} < 0`] : [`${sql} IS NULL`];
    });
    return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
  }
}

/**
 * Override branches (`WHEN cond THEN 'tier'`) for the CASE, in order; `then` gives another
 * result per override (the fast path's extraction numbers them instead).
 */
export function overrideBranches(scheme: Scheme, r: Resolver, then: (tier: string, k: number) => string = (tier) => str(tier)): string[] {
  return (scheme.overrides ?? []).map((o, k) => `WHEN (${r.expr(o.when)}) THEN ${then(o.tier, k)}`);
}
