import { createRequire } from 'node:module';
import { tableFromIPC, type Table } from 'apache-arrow';
import { Compression, ParquetFile, Table as ParquetTable, WriterPropertiesBuilder, readParquet, writeParquet } from 'parquet-wasm';
import { ipcFileToStream } from './ipc';
import { OFFLINE_SETTINGS, type Engine, type SqlValue } from './types';

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
  for (const s of OFFLINE_SETTINGS) conn.query(s);

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
      db.registerFileBuffer(name, bytes);
      return name;
    },
    async dropFile(name: string): Promise<void> {
      db.dropFile(name);
    },
    async insertArrowIPC(table: string, ipcStream: Uint8Array): Promise<void> {
      conn.insertArrowFromIPCStream(ipcStream, { name: table, create: true });
    },
    async insertParquet(table: string, bytes: Uint8Array, skip?: (column: string) => boolean): Promise<string[]> {
      // One row group at a time: a 12M-row panel never sits in memory twice over.
      const file = await ParquetFile.fromFile(new Blob([bytes as BlobPart]));
      const names = tableFromIPC(file.schema().intoIPCStream()).schema.fields.map((f) => f.name);
      const skipped = skip ? names.filter(skip) : [];
      const columns = skipped.length > 0 ? names.filter((n) => !skipped.includes(n)) : undefined;
      const groups = file.metadata().numRowGroups();
      for (let g = 0; g < Math.max(groups, 1); g++) {
        const part = groups === 0 ? readParquet(bytes, { columns }) : await file.read({ rowGroups: [g], columns });
        conn.insertArrowFromIPCStream(part.intoIPCStream(), { name: table, create: g === 0 });
      }
      file.free();
      return skipped;
    },
    async exportParquet(sql: string): Promise<Uint8Array> {
      // DuckDB's own IPC bytes: arrow-js re-serialization trips parquet-wasm's validation.
      const ipc = ipcFileToStream(conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql)));
      return writeParquet(ParquetTable.fromIPCStream(ipc), new WriterPropertiesBuilder().setCompression(Compression.ZSTD).build());
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
