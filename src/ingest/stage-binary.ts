import { tableFromIPC, tableToIPC } from 'apache-arrow';
import type { Engine } from '../engine/types';
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

/** Parquet → staging table with the file's own column types; `onProgress` hears the share of rows in. */
export async function stageParquet(
  engine: Engine,
  id: string,
  file: string,
  bytes: Uint8Array,
  options: { readonly personalLimit?: number; readonly onProgress?: (fraction: number) => void } = {},
): Promise<Staging> {
  const table = `stg_${id}`;
  let skipped: string[];
  try {
    skipped = await engine.insertParquet(table, bytes, personalColumnsSkip(bytes.length, options.personalLimit ?? PERSONAL_COLUMNS_LIMIT), options.onProgress);
  } catch (e) {
    throw new IngestError(file, { code: 'errParquetUnreadable', params: { reason: e instanceof Error ? e.message : String(e) } });
  }
  const problems: Problem[] = skipped.length
    ? [problem({ severity: 'warning', file }, 'parquetPersonalLeftOut', { columns: skipped.join(', ') })]
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
