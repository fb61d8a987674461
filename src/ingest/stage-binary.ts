import { tableFromIPC, tableToIPC } from 'apache-arrow';
import type { Engine } from '../engine/types';
import { IngestError } from './report';
import type { Staging } from './staging';

/** Parquet → staging table with the file's own column types. */
export async function stageParquet(engine: Engine, id: string, file: string, bytes: Uint8Array): Promise<Staging> {
  const table = `stg_${id}`;
  try {
    await engine.insertParquet(table, bytes);
  } catch (e) {
    throw new IngestError(file, `cannot be read as Parquet: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { table, format: 'parquet', problems: [], lineOf: () => undefined };
}

/** Arrow IPC (file or stream format) → staging table. */
export async function stageArrow(engine: Engine, id: string, file: string, bytes: Uint8Array): Promise<Staging> {
  const table = `stg_${id}`;
  try {
    // Re-encode as a stream: DuckDB-WASM inserts IPC streams, and users bring either format.
    await engine.insertArrowIPC(table, tableToIPC(tableFromIPC(bytes), 'stream'));
  } catch (e) {
    throw new IngestError(file, `cannot be read as Arrow IPC: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { table, format: 'arrow', problems: [], lineOf: () => undefined };
}
