import { createRequire } from 'node:module';
import type { Table } from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { describeParquet, ipcFileToParquet, readParquetInParts, sourceSize, type ParquetSource } from './parquet-io';
import { COMPACT_STORAGE_OPEN, OFFLINE_SETTINGS, parquetStorage, type Engine, type SqlValue } from './types';

/**
 * DuckDB-WASM's blocking Node build: the very engine version the browser runs, so tests of
 * SQL here speak for the app. Blocking calls are wrapped in promises to fit `Engine`.
 */
export async function openWasmNodeEngine(): Promise<Engine> {
  const require = createRequire(import.meta.url);
  const duckdb = require('@duckdb/duckdb-wasm/blocking') as typeof import('@duckdb/duckdb-wasm/blocking');
  const dist = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm').replace(/duckdb-eh\.wasm$/, '');
  const bundles = {
    mvp: { mainModule: `${dist}duckdb-mvp.wasm`, mainWorker: `${dist}duckdb-node-mvp.worker.cjs` },
    eh: { mainModule: `${dist}duckdb-eh.wasm`, mainWorker: `${dist}duckdb-node-eh.worker.cjs` },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({ query: { castDecimalToDouble: true } });
  const conn = db.connect();
  for (const s of [...OFFLINE_SETTINGS, ...COMPACT_STORAGE_OPEN]) conn.query(s);

  const storeParquet = parquetStorage((sql) => conn.query(sql));

  return {
    kind: 'wasm-node',
    async query(sql: string, params: readonly SqlValue[] = []): Promise<Table> {
      if (params.length === 0) return conn.query(sql);
      const stmt = conn.prepare(sql);
      try {
        return stmt.query(...params);
      } finally {
        stmt.close();
      }
    },
    filePath: (name: string) => name,
    async registerFile(name: string, bytes: Uint8Array): Promise<string> {
      // The browser's engine transfers the bytes to its worker, so the caller cannot read them
      // afterwards. The same here (DuckDB gets a copy, the caller's bytes are zeroed), so that
      // tests catch code that goes on reading them, as the browser would.
      db.registerFileBuffer(name, bytes.slice());
      bytes.fill(0);
      return name;
    },
    async dropFile(name: string): Promise<void> {
      db.dropFile(name);
    },
    async insertArrowIPC(table: string, ipcStream: Uint8Array): Promise<void> {
      conn.insertArrowFromIPCStream(ipcStream, { name: table, create: true });
    },
    async insertParquet(table: string, source: ParquetSource, skip?: (column: string) => boolean, onProgress?: (fraction: number) => void): Promise<string[]> {
      return storeParquet(sourceSize(source), () => readParquetInParts(pq, source, skip, (ipc, first) => conn.insertArrowFromIPCStream(ipc, { name: table, create: first }), { onProgress }));
    },
    describeParquet: (source: ParquetSource) => describeParquet(pq, source, (name, ipc) => conn.insertArrowFromIPCStream(ipc, { name, create: true }), (sql) => conn.query(sql)),
    async exportParquet(sql: string): Promise<Uint8Array> {
      return ipcFileToParquet(pq, conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql)));
    },
    async readFile(name: string): Promise<Uint8Array> {
      const bytes = db.copyFileToBuffer(name);
      db.dropFile(name);
      return bytes;
    },
    async close(): Promise<void> {
      conn.close();
      db.reset();
    },
  };
}
