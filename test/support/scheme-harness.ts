import type { Engine } from '../../src/engine/types';
import { toRows, type Row } from '../../src/engine/rows';
import { compileScheme, type CompiledScheme } from '../../src/schemes/compile';
import type { Scheme } from '../../src/schemes/types';
import { ident } from '../../src/sql/quote';

export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'BOOLEAN' | 'DATE';

let counter = 0;

/**
 * Puts rows in a fresh table with the given column types, applies the scheme there, and
 * returns the result rows by customer id — what a test of a preset's bounds needs.
 */
export async function applyToRows(
  engine: Engine,
  scheme: Scheme,
  columns: Readonly<Record<string, ColumnType>>,
  rows: readonly Readonly<Record<string, unknown>>[],
  asOf?: string,
): Promise<{ byId: Map<string, Row>; compiled: CompiledScheme }> {
  const table = `cases_${++counter}`;
  const names = Object.keys(columns);
  await engine.query(`CREATE TABLE ${ident(table)} (${names.map((n) => `${ident(n)} ${columns[n]}`).join(', ')})`);
  for (const row of rows) {
    const values = names.map((n) => (row[n] === undefined ? null : row[n]));
    await engine.query(`INSERT INTO ${ident(table)} VALUES (${names.map((n) => `CAST(? AS ${columns[n]})`).join(', ')})`, values.map((v) => (v === null ? null : typeof v === 'boolean' ? v : typeof v === 'number' ? v : String(v))) as never);
  }
  const compiled = compileScheme(scheme, { table, columns: new Set(names), asOf });
  const result = toRows(await engine.query(compiled.sql));
  await engine.query(`DROP TABLE ${ident(table)}`);
  return { byId: new Map(result.map((r) => [String(r.customer_id), r])), compiled };
}
