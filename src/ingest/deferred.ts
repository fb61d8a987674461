import type { Engine } from '../engine/types';
import type { ParquetSource } from '../engine/parquet-io';
import { toRows } from '../engine/rows';
import { ident } from '../sql/quote';
import { fieldsByColumn, type FieldMapping } from './mapping';
import type { ColumnReport } from './report';
import type { Staging } from './staging';
import type { TypedFile } from './typing';
import { fieldByName } from './vocabulary';

/**
 * The columns of a Parquet file that were not read at load: read, with their DuckDB types known
 * from the file's footer, when something asks for them (a view, a list, a preview, an export).
 */
export interface DeferredColumns {
  /** The file, to read more of it (a dropped `File` is read in ranges, never held whole). */
  readonly source: ParquetSource;
  /** Every column of the file that can be read, in the file's order. */
  readonly order: readonly string[];
  /** Those not read yet. */
  readonly pending: readonly string[];
  readonly types: Readonly<Record<string, string>>;
}

/** Field kinds whose text must be parsed (and its unreadable cells reported) while loading. */
const PARSED_KINDS = new Set(['amount', 'number', 'date', 'flag', 'period']);

/**
 * The columns a Parquet file's load reads at once: the customer id and the period (the duplicate
 * check and the period list need them), text columns that a numeric, date or flag field must
 * parse (their problems belong in the load report), and `also` (columns the data already loaded
 * has, so files stack alike). The rest waits until asked for.
 */
export function readAtLoad(types: Readonly<Record<string, string>>, mapping: FieldMapping, also: ReadonlySet<string> = new Set()): (column: string) => boolean {
  const fieldOf = fieldsByColumn(mapping);
  return (column) => {
    const field = fieldOf.get(column);
    if (also.has(column) || field === 'customer_id' || field === 'period') return true;
    return field !== undefined && types[column] === 'VARCHAR' && PARSED_KINDS.has(fieldByName(field).kind);
  };
}

/** The typed file with its unread columns marked pending, all in the file's order. */
export function withPending(typed: TypedFile, staging: Staging, mapping: FieldMapping): TypedFile {
  const deferred = staging.deferred;
  if (!deferred || deferred.pending.length === 0) return typed;
  const fieldOf = fieldsByColumn(mapping);
  const pending: ColumnReport[] = deferred.pending.map((name) => ({ name, field: fieldOf.get(name), type: 'native', sqlType: deferred.types[name] ?? 'VARCHAR', nulls: 0, invalid: 0, pending: true }));
  const at = (name: string) => deferred.order.indexOf(name);
  return { ...typed, columns: [...typed.columns, ...pending].sort((a, b) => at(a.name) - at(b.name)) };
}

/**
 * Reads `columns` (those of them still pending) into the staging table: decoded from the file
 * alone, then set beside the columns read before, row for row, in the same database (a panel's
 * table stays compressed). The staging table's rows, row ids and order do not change.
 */
export async function readDeferred(engine: Engine, staging: Staging, id: string, columns: readonly string[]): Promise<Staging> {
  const deferred = staging.deferred;
  const reading = deferred ? deferred.pending.filter((c) => columns.includes(c)) : [];
  if (!deferred || reading.length === 0) return staging;
  const extra = `stgx_${id}`;
  const next = `stgn_${id}`;
  await engine.insertParquet(extra, deferred.source, (c) => !reading.includes(c));
  try {
    // The staging table holds the file's columns less the pending ones; these join them, in order.
    const order = deferred.order.filter((c) => !deferred.pending.includes(c) || reading.includes(c));
    const where = toRows(await engine.query(`SELECT database_name FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main' LIMIT 1`, [staging.table]))[0];
    const database = where ? `${ident(String(where.database_name))}.main.` : '';
    await engine.query(`CREATE OR REPLACE TABLE ${database}${ident(next)} AS SELECT ${order.map(ident).join(', ')} FROM ${ident(staging.table)} POSITIONAL JOIN ${ident(extra)}`);
    await engine.query(`DROP TABLE ${database}${ident(staging.table)}`);
    await engine.query(`ALTER TABLE ${database}${ident(next)} RENAME TO ${ident(staging.table)}`);
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${ident(extra)}`);
  }
  return { ...staging, deferred: { ...deferred, pending: deferred.pending.filter((c) => !reading.includes(c)) } };
}

/** Whether an error is DuckDB's for a column a query names that its tables lack; the column's name. */
export function missingColumnOf(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : String(error);
  if (!/Binder Error/.test(text)) return undefined;
  const m = /Referenced column "((?:[^"]|"")+)" not found|does not have a column named "((?:[^"]|"")+)"|Column "((?:[^"]|"")+)" referenced that exists in the SELECT clause/.exec(text);
  return m ? (m[1] ?? m[2] ?? m[3])!.replaceAll('""', '"') : undefined;
}

/** The names among `names` that `sql` mentions as a word or a quoted identifier (read together). */
export function mentionedIn(sql: string, names: readonly string[]): string[] {
  const lower = sql.toLowerCase();
  return names.filter((n) => new RegExp(`(^|[^\\p{L}\\p{N}_])${escapeRegExp(n.toLowerCase())}($|[^\\p{L}\\p{N}_])`, 'u').test(lower));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
