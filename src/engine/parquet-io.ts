import { tableFromIPC } from 'apache-arrow';
import { ipcFileToStream } from './ipc';

/** The parts of parquet-wasm used here; the browser and Node builds of it have this same shape. */
export type ParquetWasm = Pick<typeof import('parquet-wasm'), 'ParquetFile' | 'readParquet' | 'writeParquet' | 'Table' | 'WriterPropertiesBuilder' | 'Compression'>;

/**
 * Rows per decoded batch: DuckDB's row-group size, so every insert appends whole row groups.
 * Measured in DuckDB-WASM (Node, 17 columns): 1M rows took 2.1–2.3 s to insert in 131,072-row
 * batches and 0.9–1.1 s in 122,880-row ones; 3M rows of the panel, 10–13 s against 3.1–4.4 s.
 */
const STREAM_BATCH_ROWS = 122_880;

/**
 * Decoded batches handed to the engine and not yet inserted, at most. Decoding is uneven: the
 * first batch of each Parquet row group carries its reading and decompression (about 200 ms
 * against 40–90 for the rest, on the 12-month panel's 500k-row groups). Handing over one batch
 * at a time left the worker idle during those and the page waiting during its inserts: 21 s for
 * 14.6 s of inserts and 12 s of decoding; with eight (about 100 MB of the panel's IPC, two row
 * groups), the panel's Parquet went into DuckDB in 16.9 s instead of 22.9 s.
 */
const INSERTS_AHEAD = 8;

/**
 * A Parquet file's bytes, or the file itself: a dropped `File` is read in ranges as columns are
 * asked for, so its bytes need not stay in the page's memory between reads.
 */
export type ParquetSource = Uint8Array | Blob;

const asBlob = (source: ParquetSource): Blob => (source instanceof Blob ? source : new Blob([source as BlobPart]));

/** The size in bytes of a Parquet source. */
export const sourceSize = (source: ParquetSource): number => (source instanceof Blob ? source.size : source.length);

/** Where a schema is inserted to be described (dropped right after). */
const SCHEMA_TABLE = '__tl_parquet_schema';

/**
 * A Parquet file's columns and their DuckDB types, from its footer alone: its schema (an Arrow IPC
 * stream without rows) is inserted as an empty table and described, so the types are the ones the
 * rows will get when they are read. Shared by the two DuckDB-WASM adapters.
 */
export async function describeParquet(
  pq: ParquetWasm,
  source: ParquetSource,
  insert: (table: string, ipc: Uint8Array) => unknown,
  query: (sql: string) => unknown,
): Promise<{ name: string; type: string }[]> {
  const file = await pq.ParquetFile.fromFile(asBlob(source));
  let schema: Uint8Array;
  try {
    schema = file.schema().intoIPCStream();
  } finally {
    file.free();
  }
  await insert(SCHEMA_TABLE, schema);
  try {
    const described = (await query(`DESCRIBE ${SCHEMA_TABLE}`)) as { toArray(): { column_name: string; column_type: string }[] };
    return described.toArray().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  } finally {
    await query(`DROP TABLE IF EXISTS ${SCHEMA_TABLE}`);
  }
}

/** One decoded batch: its Arrow IPC stream and how many rows it holds. */
interface Batch {
  readonly ipc: Uint8Array;
  readonly rows: number;
}

/**
 * Opens a Parquet file for `use`: its column names, the ones `skip` leaves out, and its rows
 * (without those) as IPC batches decoded one at a time as `use` asks for them. A file with no
 * rows yields one empty batch, so its (empty) table is still made.
 */
async function withBatches<T>(
  pq: ParquetWasm,
  source: ParquetSource,
  skip: ((column: string) => boolean) | undefined,
  use: (batches: AsyncIterable<Batch>, names: string[], skipped: string[], totalRows: number) => Promise<T>,
): Promise<T> {
  const file = await pq.ParquetFile.fromFile(asBlob(source));
  try {
    const names = tableFromIPC(file.schema().intoIPCStream()).schema.fields.map((f) => f.name);
    const metadata = file.metadata();
    const fileMetadata = metadata.fileMetadata();
    const totalRows = Number(fileMetadata.numRows());
    fileMetadata.free();
    metadata.free();
    const skipped = skip ? names.filter(skip) : [];
    const columns = skipped.length > 0 ? names.filter((n) => !skipped.includes(n)) : undefined;
    // Read as a stream of record batches, not whole row groups: each batch is its own call into
    // parquet-wasm, so V8 runs later batches in optimized code (a single 500k-row call stays in
    // the baseline compiler's code to its end — measured about twice as slow for the first row group in Node).
    const reader = (await file.stream({ batchSize: STREAM_BATCH_ROWS, columns })).getReader() as ReadableStreamDefaultReader<{ numRows: number; intoIPCStream(): Uint8Array }>;
    async function* batches(): AsyncGenerator<Batch> {
      let any = false;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        any = true;
        const rows = value.numRows;
        yield { ipc: value.intoIPCStream(), rows };
      }
      if (!any) yield { ipc: pq.readParquet(source instanceof Blob ? new Uint8Array(await source.arrayBuffer()) : source, { columns }).intoIPCStream(), rows: 0 };
    }
    try {
      return await use(batches(), names, skipped, totalRows);
    } finally {
      // After a failure, parquet-wasm must not go on decoding the rest of the file.
      await reader.cancel().catch(() => undefined);
    }
  } finally {
    file.free();
  }
}

export interface ParquetPartsOptions {
  /** Share of the file's rows inserted so far, 0–1, after each insert. */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * Parquet → Arrow IPC → `insert`, a batch of rows at a time (a 12M-row panel never sits in
 * memory twice over), without the columns `skip` names; resolves with the columns left out.
 * Shared by the two DuckDB-WASM adapters.
 */
export async function readParquetInParts(
  pq: ParquetWasm,
  source: ParquetSource,
  skip: ((column: string) => boolean) | undefined,
  insert: (ipcStream: Uint8Array, first: boolean) => unknown,
  options: ParquetPartsOptions = {},
): Promise<string[]> {
  const { onProgress } = options;
  return withBatches(pq, source, skip, async (batches, _names, skipped, totalRows) => {
    // Decoding (here, on this thread) and inserting (DuckDB's worker, in the browser) overlap.
    // Inserts are handed over as soon as their batch is decoded, up to INSERTS_AHEAD at once: the
    // worker runs them in order, one at a time, and always has the next one waiting.
    const inFlight: Promise<unknown>[] = [];
    let first = true;
    let inserted = 0;
    try {
      for await (const { ipc, rows } of batches) {
        if (inFlight.length >= INSERTS_AHEAD) await inFlight.shift();
        // The worker runs inserts in order, so rows inserted so far only grow.
        const inserting = Promise.resolve(insert(ipc, first)).then(() => {
          inserted += rows;
          if (totalRows > 0) onProgress?.(inserted / totalRows);
        });
        // Observed below, in order; this only keeps an early failure from going unhandled meanwhile.
        inserting.catch(() => undefined);
        inFlight.push(inserting);
        first = false;
      }
      while (inFlight.length > 0) await inFlight.shift();
    } finally {
      // A failed decode or insert must not leave inserts running unobserved.
      await Promise.allSettled(inFlight);
    }
    return skipped;
  });
}

/**
 * DuckDB-WASM's own result bytes (an IPC file) → zstd Parquet. DuckDB's bytes are used because
 * arrow-js re-serialization trips parquet-wasm's validation.
 */
export function ipcFileToParquet(pq: ParquetWasm, ipcFile: Uint8Array): Uint8Array {
  return pq.writeParquet(pq.Table.fromIPCStream(ipcFileToStream(ipcFile)), new pq.WriterPropertiesBuilder().setCompression(pq.Compression.ZSTD).build());
}
