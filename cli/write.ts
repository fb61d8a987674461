import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Engine } from '../src/engine/types';
import { ident, str } from '../src/sql/quote';
import { CliError } from './data';

const FORMATS: Record<string, string> = {
  csv: '(FORMAT csv, HEADER true)',
  parquet: '(FORMAT parquet, COMPRESSION zstd)',
  json: '(FORMAT json, ARRAY true)',
};

/**
 * Writes a query's result to `out` by extension, atomically: DuckDB writes a temporary file
 * beside it, renamed only on success, so a failed run never leaves a partial output.
 */
export async function writeResult(engine: Engine, sql: string, out: string, allowed: readonly string[]): Promise<void> {
  const ext = out.toLowerCase().split('.').pop() ?? '';
  if (!allowed.includes(ext) || !FORMATS[ext]) throw new CliError(`${out}: output must end in ${allowed.map((a) => `.${a}`).join(', ')}`);
  if (ext === 'csv') sql = await guardedForSpreadsheets(engine, sql);
  const target = resolve(out);
  if (!existsSync(dirname(target))) throw new CliError(`${out}: folder ${dirname(target)} does not exist`);
  const temp = `${target}.tmp-${process.pid}`;
  try {
    await engine.query(`COPY (${sql}) TO ${str(temp)} ${FORMATS[ext]}`);
    renameSync(temp, target);
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * CSV files are opened in Excel: a text cell starting with = + - @ or a tab would run as a
 * formula (CSV injection), so such cells get a leading apostrophe, as the app's own CSV export
 * does. Parquet and JSON keep the values exactly.
 */
async function guardedForSpreadsheets(engine: Engine, sql: string): Promise<string> {
  const columns = (await engine.query(`DESCRIBE (${sql})`)).toArray().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  const risky = str('^[-=+@\t\r]');
  const guard = (c: { name: string; type: string }) =>
    c.type === 'VARCHAR' ? `CASE WHEN regexp_matches(${ident(c.name)}, ${risky}) THEN '''' || ${ident(c.name)} ELSE ${ident(c.name)} END AS ${ident(c.name)}` : ident(c.name);
  return `SELECT ${columns.map(guard).join(', ')} FROM (${sql})`;
}
