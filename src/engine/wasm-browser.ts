import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { RecordBatchReader, Table as ArrowTable, type RecordBatch, type Table } from 'apache-arrow';
import initParquet, * as pq from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { describeParquet, ipcFileToParquet, readParquetInParts, sourceSize, type ParquetSource } from './parquet-io';
import { COMPACT_STORAGE_OPEN, OFFLINE_SETTINGS, parquetStorage, type Engine, type SqlValue } from './types';

/** parquet-wasm, compiled once per page: shared by the engine and {@link decodeEarly}. */
let parquetReady: Promise<unknown> | undefined;
const parquet = () => (parquetReady ??= initParquet({ module_or_path: parquetWasmUrl }));

/**
 * DuckDB-WASM in a Web Worker, served from the app's own assets (no CDN: bank intranets are
 * offline). Only the eh bundle ships: the mvp bundle is broken after C++ exceptions and the
 * coi bundle needs cross-origin isolation (COOP/COEP headers) and crashed the page when an
 * extension download failed.
 */
async function open(): Promise<Engine> {
  // parquet-wasm compiles while DuckDB starts, not after it.
  const parquetCompiled = parquet();
  const worker = new Worker(ehWorkerUrl);
  let crashed: string | undefined;
  worker.addEventListener('error', (e) => {
    crashed = e.message || 'error';
  });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(ehWasmUrl);
  // Decimals as doubles: the native adapter answers the same way.
  await db.open({ query: { castDecimalToDouble: true } });
  const conn = await db.connect();
  await parquetCompiled;
  for (const s of [...OFFLINE_SETTINGS, ...COMPACT_STORAGE_OPEN]) await conn.query(s);
  // For the benchmark's first-view breakdown (bench/lib/scenarios.ts).
  performance.mark('tierlens:engine-ready');

  const storeParquet = parquetStorage((sql) => conn.query(sql));

  return {
    kind: 'wasm-browser',
    async query(sql: string, params: readonly SqlValue[] = []): Promise<Table> {
      if (crashed !== undefined) throw new Error(`worker crashed: ${crashed}`);
      return conn.useUnsafe(async (bindings, id) => {
        if (params.length === 0) {
          let header = await bindings.startPendingQuery(id, sql, true);
          while (header === null) header = await bindings.pollPendingQuery(id);
          return collect(bindings, id, header);
        }
        const stmt = await bindings.createPrepared(id, sql);
        try {
          return await collect(bindings, id, await bindings.sendPrepared(id, stmt, [...params]));
        } finally {
          await bindings.closePrepared(id, stmt);
        }
      });
    },
    filePath: (name: string) => name,
    async registerFile(name: string, bytes: Uint8Array): Promise<string> {
      await db.registerFileBuffer(name, bytes);
      return name;
    },
    async dropFile(name: string): Promise<void> {
      await db.dropFile(name);
    },
    async insertArrowIPC(table: string, ipcStream: Uint8Array): Promise<void> {
      await conn.insertArrowFromIPCStream(ipcStream, { name: table, create: true });
    },
    async insertParquet(table: string, source: ParquetSource, skip?: (column: string) => boolean, onProgress?: (fraction: number) => void): Promise<string[]> {
      return storeParquet(sourceSize(source), () => readParquetInParts(pq, source, skip, (ipc, first) => conn.insertArrowFromIPCStream(ipc, { name: table, create: first }), { onProgress }));
    },
    describeParquet: (source: ParquetSource) => describeParquet(pq, source, (name, ipc) => conn.insertArrowFromIPCStream(ipc, { name, create: true }), (sql) => conn.query(sql)),
    async exportParquet(sql: string): Promise<Uint8Array> {
      return ipcFileToParquet(pq, await conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql)));
    },
    async readFile(name: string): Promise<Uint8Array> {
      const bytes = await db.copyFileToBuffer(name);
      await db.dropFile(name);
      return bytes;
    },
    async close(): Promise<void> {
      await conn.close();
      await db.terminate();
    },
  };
}

/**
 * Result chunks asked for ahead of the one being read. DuckDB-WASM hands a streamed result over
 * in chunks of 2,048 rows, one worker round trip each (5,859 for a 12M-row extraction), and its
 * own reader asks for one chunk ahead; the worker then waits on the page between chunks.
 */
const FETCHES_AHEAD = 4;

/** The IPC messages of a streamed result: its schema (`header`), then every chunk, in order. */
async function* resultMessages(db: duckdb.AsyncDuckDB, conn: number, header: Uint8Array): AsyncGenerator<Uint8Array> {
  yield header;
  const asked: Promise<Uint8Array | null>[] = [];
  const ask = () => {
    const answer = db.fetchQueryResults(conn);
    // Observed in order below; this only keeps a failure of one asked ahead from going unhandled
    // if the reader stops before reaching it.
    answer.catch(() => undefined);
    asked.push(answer);
  };
  for (let i = 0; i < FETCHES_AHEAD; i++) ask();
  try {
    for (;;) {
      // The worker answers in order: a chunk, null (none ready yet: ask again) or empty (the end).
      const chunk = await asked.shift()!;
      if (chunk === null) {
        ask();
        continue;
      }
      if (chunk.length === 0) return;
      ask();
      yield chunk;
    }
  } finally {
    // Asks past the end find no result; they settle before the connection runs anything else.
    await Promise.allSettled(asked);
  }
}

/**
 * Reads a streamed result whole. Results are streamed rather than materialised because the
 * worker's wasm memory never shrinks: a 12-month extraction held at once (rows plus their IPC
 * copy) left the panel's renderer 270 MB bigger for good, and streaming costs no time.
 */
async function collect(db: duckdb.AsyncDuckDB, conn: number, header: Uint8Array): Promise<Table> {
  const reader = await RecordBatchReader.from(resultMessages(db, conn, header));
  const batches: RecordBatch[] = [];
  for await (const b of reader) batches.push(b);
  return batches.length ? new ArrowTable(batches) : new ArrowTable(reader.schema);
}

/**
 * Opens a browser engine (a new worker each call). The workspace keeps the one it uses behind a
 * stored promise and calls this again only to replace an engine that died.
 */
export function openBrowserEngine(): Promise<Engine> {
  return open();
}
