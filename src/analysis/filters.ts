/**
 * Dashboard filters (slicers): which rows of the dataset every view reads. A filter keeps the
 * rows whose column is one of some values (text: branch, customer type, industry…) or lies in a
 * numeric range; several filters all apply. Values reach SQL only as bound parameters.
 */
import { ident, num } from '../sql/quote';
import type { SqlValue } from '../engine/types';

export type Filter =
  | { readonly field: string; readonly kind: 'in'; readonly values: readonly (string | null)[] }
  | { readonly field: string; readonly kind: 'range'; readonly min?: number; readonly max?: number };

/** A column the filters may name, with its SQL type. */
export interface FilterColumn {
  readonly name: string;
  readonly sqlType: string;
}

/** What a filter named that the data does not allow, by its field. */
export class FilterError extends Error {
  constructor(
    readonly field: string,
    readonly reason: 'no-column' | 'not-numeric' | 'no-values' | 'bad-range',
  ) {
    super(`filter on "${field}": ${reason}`);
  }
}

/** The view every view reads while filters apply (the dataset table stays whole). */
export const FILTERED_VIEW = 'dataset_filtered';
const VALUES_TABLE = '__tl_filter_values';
const RANGES_TABLE = '__tl_filter_ranges';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|REAL|DOUBLE|DECIMAL)/i;

export function isNumericType(sqlType: string): boolean {
  return NUMERIC.test(sqlType);
}

/** Checks each filter against the data's columns; throws `FilterError` naming the first bad one. */
export function checkFilters(filters: readonly Filter[], columns: readonly FilterColumn[]): void {
  const byName = new Map(columns.map((c) => [c.name, c]));
  for (const f of filters) {
    const column = byName.get(f.field);
    if (!column) throw new FilterError(f.field, 'no-column');
    if (f.kind === 'in') {
      if (f.values.length === 0) throw new FilterError(f.field, 'no-values');
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
export function filterViewStatements(filters: readonly Filter[], columns: readonly FilterColumn[], base: string): { sql: string; params: SqlValue[] }[] {
  checkFilters(filters, columns);
  const out: { sql: string; params: SqlValue[] }[] = [
    { sql: `CREATE OR REPLACE TEMP TABLE ${ident(VALUES_TABLE)} (f INTEGER, v VARCHAR)`, params: [] },
    { sql: `CREATE OR REPLACE TEMP TABLE ${ident(RANGES_TABLE)} (f INTEGER, lo DOUBLE, hi DOUBLE)`, params: [] },
  ];
  const conditions: string[] = [];
  filters.forEach((f, i) => {
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
