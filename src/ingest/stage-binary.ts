import { tableFromIPC, tableToIPC } from 'apache-arrow';
import type { Engine } from '../engine/types';
import { sourceSize, type ParquetSource } from '../engine/parquet-io';
import { IngestError, problem, type Problem } from './report';
import { fieldForHeader } from './mapping';
import { defaultSensitivity } from '../privacy/mask';
import type { Staging } from './staging';

/**
 * Parquet files above this size leave their personal columns (names, ID numbers, phones) out in
 * the browser: a 12M-row panel with them does not fit DuckDB-WASM's ~3 GB, and tiering never
 * needs them. The load report says which columns were left out.
 */
export const PERSONAL_COLUMNS_LIMIT = 200 * 1024 ** 2;

/** The columns a Parquet file of `size` bytes leaves out in the browser (none below `limit`). */
export function personalColumnsSkip(size: number, limit = PERSONAL_COLUMNS_LIMIT): ((column: string) => boolean) | undefined {
  return size > limit ? (name: string) => defaultSensitivity(fieldForHeader(name) ?? name) === 'A' : undefined;
}

/**
 * Parquet → staging table with the file's own column types; `onProgress` hears the share of rows
 * in. With `read`, only the columns it names are read now (the rest stay in the file, see
 * deferred.ts); personal columns of a file above `personalLimit` are left out for good.
 */
export async function stageParquet(
  engine: Engine,
  id: string,
  file: string,
  source: ParquetSource,
  options: { readonly personalLimit?: number; readonly read?: (column: string) => boolean; readonly onProgress?: (fraction: number) => void } = {},
): Promise<Staging> {
  const table = `stg_${id}`;
  const forGood = personalColumnsSkip(sourceSize(source), options.personalLimit ?? PERSONAL_COLUMNS_LIMIT);
  const read = options.read;
  const skip = forGood || read ? (c: string) => (forGood?.(c) ?? false) || (read !== undefined && !read(c)) : undefined;
  let skipped: string[];
  try {
    skipped = await engine.insertParquet(table, source, skip, options.onProgress);
  } catch (e) {
    throw new IngestError(file, { code: 'errParquetUnreadable', params: { reason: e instanceof Error ? e.message : String(e) } });
  }
  const leftOut = forGood ? skipped.filter(forGood) : [];
  const problems: Problem[] = leftOut.length
    ? [problem({ severity: 'warning', file }, 'parquetPersonalLeftOut', { columns: leftOut.join(', ') })]
    : [];
  return { table, format: 'parquet', problems, lineOf: () => undefined };
}

/** Arrow IPC (file or stream format) → staging table. */
export async function stageArrow(engine: Engine, id: string, file: string, bytes: Uint8Array): Promise<Staging> {
  const table = `stg_${id}`;
  try {
    // Re-encode as a stream: DuckDB-WASM inserts IPC streams, and users bring either format.
    await engine.insertArrowIPC(table, tableToIPC(tableFromIPC(bytes), 'stream'));
  } catch (e) {
    throw new IngestError(file, { code: 'errArrowUnreadable', params: { reason: e instanceof Error ? e.message : String(e) } });
  }
  return { table, format: 'arrow', problems: [], lineOf: () => undefined };
}
