import { tableFromIPC } from 'apache-arrow';
import { ipcFileToStream } from './ipc';

/** The parts of parquet-wasm used here; the browser and Node builds of it have this same shape. */
export type ParquetWasm = Pick<typeof import('parquet-wasm'), 'ParquetFile' | 'readParquet' | 'writeParquet' | 'Table' | 'WriterPropertiesBuilder' | 'Compression'>;

/**
 * Parquet → Arrow IPC, one row group at a time (a 12M-row panel never sits in memory twice
 * over), without the columns `skip` names. Each part goes to `insert`; resolves with the
 * columns left out. Shared by the two DuckDB-WASM adapters.
 */
export async function readParquetInParts(
  pq: ParquetWasm,
  bytes: Uint8Array,
  skip: ((column: string) => boolean) | undefined,
  insert: (ipcStream: Uint8Array, first: boolean) => unknown,
): Promise<string[]> {
  const file = await pq.ParquetFile.fromFile(new Blob([bytes as BlobPart]));
  try {
    const names = tableFromIPC(file.schema().intoIPCStream()).schema.fields.map((f) => f.name);
    const skipped = skip ? names.filter(skip) : [];
    const columns = skipped.length > 0 ? names.filter((n) => !skipped.includes(n)) : undefined;
    const groups = file.metadata().numRowGroups();
    for (let g = 0; g < Math.max(groups, 1); g++) {
      const part = groups === 0 ? pq.readParquet(bytes, { columns }) : await file.read({ rowGroups: [g], columns });
      await insert(part.intoIPCStream(), g === 0);
    }
    return skipped;
  } finally {
    file.free();
  }
}

/**
 * DuckDB-WASM's own result bytes (an IPC file) → zstd Parquet. DuckDB's bytes are used because
 * arrow-js re-serialization trips parquet-wasm's validation.
 */
export function ipcFileToParquet(pq: ParquetWasm, ipcFile: Uint8Array): Uint8Array {
  return pq.writeParquet(pq.Table.fromIPCStream(ipcFileToStream(ipcFile)), new pq.WriterPropertiesBuilder().setCompression(pq.Compression.ZSTD).build());
}
