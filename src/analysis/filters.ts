/**
 * Dashboard filters (slicers): which rows of the dataset every view reads. A filter keeps the
 * rows whose column is one of some values (text: branch, customer type, industry…), lies in a
 * numeric range, or whose customer is in some tiers of another (built-in) scheme; several
 * filters all apply. Values reach SQL only as bound parameters.
 */
import { ident, num } from '../sql/quote';
import type { SqlValue } from '../engine/types';
import type { Locale } from '../i18n/format';
import { columnLabel, t, type MessageKey } from '../i18n/messages';

export type Filter =
  | { readonly field: string; readonly kind: 'in'; readonly values: readonly (string | null)[] }
  | { readonly field: string; readonly kind: 'range'; readonly min?: number; readonly max?: number }
  /** `field` is `tier:<scheme id>` (see {@link tierFilterField}); `values` are that scheme's tier ids. */
  | { readonly field: string; readonly kind: 'tier'; readonly values: readonly string[] };

const TIER_FIELD = 'tier:';
/** The field of a filter by the tiers of scheme `schemeId` (no column of the data is named so). */
export const tierFilterField = (schemeId: string): string => `${TIER_FIELD}${schemeId}`;
/** The scheme a tier filter's field names, if it is one. */
export const tierFilterScheme = (field: string): string | undefined => (field.startsWith(TIER_FIELD) ? field.slice(TIER_FIELD.length) : undefined);

/**
 * Another scheme's result over the whole data, for filters by its tiers: its compiled SELECT
 * (customer_id, period, tier…), or undefined when there is no such scheme or it cannot run here.
 */
export type TierSource = (schemeId: string) => string | undefined;

/** A column the filters may name, with its SQL type. */
export interface FilterColumn {
  readonly name: string;
  readonly sqlType: string;
}

type FilterProblem = 'no-column' | 'not-numeric' | 'no-values' | 'bad-range' | 'no-scheme';
const PROBLEM_TEXT: Record<FilterProblem, MessageKey> = {
  'no-column': 'filterNoColumn',
  'not-numeric': 'filterNotNumeric',
  'no-values': 'filterNoValues',
  'bad-range': 'filterBadRange',
  'no-scheme': 'filterNoScheme',
};

/** What a filter named that the data does not allow, by its field; said in the page's language. */
export class FilterError extends Error {
  constructor(
    readonly field: string,
    readonly reason: FilterProblem,
  ) {
    super(`filter on "${field}": ${reason}`);
  }

  localized(locale: Locale): string {
    const scheme = tierFilterScheme(this.field);
    return t(locale, PROBLEM_TEXT[this.reason], { field: scheme ?? columnLabel(locale, this.field) });
  }
}

/** The view every view reads while filters apply (the dataset table stays whole). */
export const FILTERED_VIEW = 'dataset_filtered';
const VALUES_TABLE = '__tl_filter_values';
const RANGES_TABLE = '__tl_filter_ranges';
/** The customers and periods of tier filter `i`'s scheme, with their tiers (rebuilt with the filters). */
const tierTable = (i: number) => `__tl_filter_tier_${i}`;

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|REAL|DOUBLE|DECIMAL)/i;

export function isNumericType(sqlType: string): boolean {
  return NUMERIC.test(sqlType);
}

/** Checks each filter against the data's columns; throws `FilterError` naming the first bad one. */
export function checkFilters(filters: readonly Filter[], columns: readonly FilterColumn[], tiers?: TierSource): void {
  const byName = new Map(columns.map((c) => [c.name, c]));
  for (const f of filters) {
    if (f.kind === 'tier') {
      const scheme = tierFilterScheme(f.field);
      if (scheme === undefined || !tiers?.(scheme)) throw new FilterError(f.field, 'no-scheme');
      if (f.values.length === 0 || f.values.some((v) => typeof v !== 'string')) throw new FilterError(f.field, 'no-values');
      continue;
    }
    const column = byName.get(f.field);
    if (!column) throw new FilterError(f.field, 'no-column');
    if (f.kind === 'in') {
      if (f.values.length === 0) throw new FilterError(f.field, 'no-values');
    } else if (f.kind !== 'range') {
      // A file may hold any kind: one this version does not know is refused, not read as a range.
      throw new FilterError((f as { field: string }).field, 'bad-range');
    } else {
      if (!isNumericType(column.sqlType)) throw new FilterError(f.field, 'not-numeric');
      const ends = [f.min, f.max].filter((x) => x !== undefined);
      if (ends.length === 0 || ends.some((x) => !Number.isFinite(x)) || (f.min !== undefined && f.max !== undefined && f.min > f.max)) throw new FilterError(f.field, 'bad-range');
    }
  }
}

/** The text a value is compared as: the column itself when it is text, else cast. */
function asText(column: FilterColumn): string {
  return /^VARCHAR/i.test(column.sqlType) ? ident(column.name) : `CAST(${ident(column.name)} AS VARCHAR)`;
}

const columnOf = (columns: readonly FilterColumn[], field: string) => columns.find((c) => c.name === field)!;

/**
 * A WHERE condition with `?` placeholders and its parameters, in order: for queries that take
 * the filters inline (tests, the command line).
 */
export function filterWhere(filters: readonly Filter[], columns: readonly FilterColumn[]): { sql: string; params: SqlValue[] } {
  checkFilters(filters, columns);
  const parts: string[] = [];
  const params: SqlValue[] = [];
  for (const f of filters) {
    if (f.kind === 'tier') throw new FilterError(f.field, 'no-scheme');
    const column = columnOf(columns, f.field);
    if (f.kind === 'in') {
      const texts = f.values.filter((v): v is string => v !== null);
      const alts: string[] = [];
      if (texts.length > 0) {
        alts.push(`${asText(column)} IN (${texts.map(() => '?').join(', ')})`);
        params.push(...texts);
      }
      if (f.values.includes(null)) alts.push(`${ident(column.name)} IS NULL`);
      parts.push(`(${alts.join(' OR ')})`);
    } else {
      if (f.min !== undefined) {
        parts.push(`${ident(column.name)} >= ?`);
        params.push(f.min);
      }
      if (f.max !== undefined) {
        parts.push(`${ident(column.name)} <= ?`);
        params.push(f.max);
      }
    }
  }
  return { sql: parts.length ? parts.join(' AND ') : 'TRUE', params };
}

/**
 * The statements that make `FILTERED_VIEW` the dataset under these filters. A view cannot hold
 * parameters, so the values go into two small tables by bound parameters and the view reads them.
 */
export function filterViewStatements(filters: readonly Filter[], columns: readonly FilterColumn[], base: string, tiers?: TierSource): { sql: string; params: SqlValue[] }[] {
  checkFilters(filters, columns, tiers);
  const out: { sql: string; params: SqlValue[] }[] = [
    { sql: `CREATE OR REPLACE TEMP TABLE ${ident(VALUES_TABLE)} (f INTEGER, v VARCHAR)`, params: [] },
    { sql: `CREATE OR REPLACE TEMP TABLE ${ident(RANGES_TABLE)} (f INTEGER, lo DOUBLE, hi DOUBLE)`, params: [] },
  ];
  const conditions: string[] = [];
  const hasPeriod = columns.some((c) => c.name === 'period');
  filters.forEach((f, i) => {
    if (f.kind === 'tier') {
      // The other scheme is computed once over the whole data; the view keeps the rows of the
      // customers (in the same period) it puts in one of the chosen tiers.
      const table = tierTable(i);
      out.push({ sql: `CREATE OR REPLACE TEMP TABLE ${ident(table)} AS SELECT customer_id, ${hasPeriod ? 'period' : 'NULL AS period'}, tier FROM (${tiers!(tierFilterScheme(f.field)!)!})`, params: [] });
      out.push({ sql: `INSERT INTO ${ident(VALUES_TABLE)} VALUES ${f.values.map(() => '(?, ?)').join(', ')}`, params: f.values.flatMap((v) => [i, v]) });
      const row = (c: string) => `${ident(base)}.${ident(c)}`;
      conditions.push(
        `EXISTS (SELECT 1 FROM ${ident(table)} t WHERE t.customer_id = ${row('customer_id')}${hasPeriod ? ` AND t.period IS NOT DISTINCT FROM ${row('period')}` : ''} AND t.tier IN (SELECT v FROM ${ident(VALUES_TABLE)} WHERE f = ${num(i)}))`,
      );
      return;
    }
    const column = columnOf(columns, f.field);
    if (f.kind === 'in') {
      out.push({ sql: `INSERT INTO ${ident(VALUES_TABLE)} VALUES ${f.values.map(() => '(?, ?)').join(', ')}`, params: f.values.flatMap((v) => [i, v]) });
      const of = `FROM ${ident(VALUES_TABLE)} WHERE f = ${num(i)}`;
      conditions.push(`(${asText(column)} IN (SELECT v ${of} AND v IS NOT NULL) OR (${ident(column.name)} IS NULL AND EXISTS (SELECT 1 ${of} AND v IS NULL)))`);
    } else {
      out.push({ sql: `INSERT INTO ${ident(RANGES_TABLE)} VALUES (?, ?, ?)`, params: [i, f.min ?? null, f.max ?? null] });
      const of = `FROM ${ident(RANGES_TABLE)} WHERE f = ${num(i)}`;
      conditions.push(`${ident(column.name)} >= (SELECT coalesce(lo, '-infinity'::DOUBLE) ${of}) AND ${ident(column.name)} <= (SELECT coalesce(hi, 'infinity'::DOUBLE) ${of})`);
    }
  });
  out.push({ sql: `CREATE OR REPLACE TEMP VIEW ${ident(FILTERED_VIEW)} AS SELECT * FROM ${ident(base)} WHERE ${conditions.length ? conditions.join(' AND ') : 'TRUE'}`, params: [] });
  return out;
}

/** Two filter lists that keep the same rows (the same filters in the same order). */
export function sameFilters(a: readonly Filter[] | undefined, b: readonly Filter[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}
