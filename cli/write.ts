import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Engine } from '../src/engine/types';
import { str } from '../src/sql/quote';
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
