import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type { Table } from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import { OFFLINE_SETTINGS, type Engine, type SqlValue } from './types';
import type { ParquetSource } from './parquet-io';
import { rowsToArrow } from './rows-to-arrow';
import { ident, str } from '../sql/quote';

/**
 * Native DuckDB for the command line: multi-threaded and not bound by a tab's memory.
 * Registered "files" become real temp files; Arrow inserts go through Parquet because the
 * native Node API has no Arrow import.
 */
export async function openNativeEngine(options: { threads?: number } = {}): Promise<Engine> {
  const instance = await DuckDBInstance.create(':memory:', options.threads ? { threads: String(options.threads) } : {});
  const conn = await instance.connect();
  for (const s of OFFLINE_SETTINGS) await conn.run(s);
  const dir = mkdtempSync(join(tmpdir(), 'tierlens-'));
  const path = (name: string) => join(dir, name.replace(/[^\w.\-]/g, '_'));
  /** Native DuckDB reads Parquet by path: `source` written to a temp file for `use`, then removed. */
  const withParquetFile = async <T,>(name: string, source: ParquetSource, use: (path: string) => Promise<T>): Promise<T> => {
    const p = path(name);
    writeFileSync(p, source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer()));
    try {
      return await use(p);
    } finally {
      rmSync(p, { force: true });
    }
  };

  return {
    kind: 'native',
    async query(sql: string, params: readonly SqlValue[] = []): Promise<Table> {
      const reader = await conn.runAndReadAll(sql, params as DuckDBValue[]);
      return rowsToArrow(reader);
    },
    filePath: path,
    async registerFile(name: string, bytes: Uint8Array): Promise<string> {
      const p = path(name);
      writeFileSync(p, bytes);
      return p;
    },
    async dropFile(name: string): Promise<void> {
      rmSync(path(name), { force: true });
    },
    async insertArrowIPC(table: string, ipcStream: Uint8Array): Promise<void> {
      const p = path(`${table}.arrow-insert.parquet`);
      const wasmTable = parquet.Table.fromIPCStream(ipcStream);
      writeFileSync(p, parquet.writeParquet(wasmTable));
      try {
        await conn.run(`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM read_parquet(${str(p)})`);
      } finally {
        rmSync(p, { force: true });
      }
    },
    insertParquet: (table: string, source: ParquetSource, skip?: (column: string) => boolean) =>
      withParquetFile(`${table}.insert.parquet`, source, async (p) => {
        const names = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${str(p)})`)).getRowObjects().map((r) => String(r.column_name));
        const skipped = skip ? names.filter(skip) : [];
        const columns = skipped.length > 0 ? names.filter((n) => !skipped.includes(n)).map(ident).join(', ') : '*';
        await conn.run(`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT ${columns} FROM read_parquet(${str(p)})`);
        return skipped;
      }),
    describeParquet: (source: ParquetSource) =>
      withParquetFile('describe.parquet', source, async (p) =>
        (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${str(p)})`)).getRowObjects().map((r) => ({ name: String(r.column_name), type: String(r.column_type) })),
      ),
    async exportParquet(sql: string): Promise<Uint8Array> {
      const p = path(`export-${Date.now()}-${Math.random().toString(36).slice(2)}.parquet`);
      try {
        await conn.run(`COPY (${sql}) TO ${str(p)} (FORMAT parquet, COMPRESSION zstd)`);
        return new Uint8Array(readFileSync(p));
      } finally {
        rmSync(p, { force: true });
      }
    },
    async readFile(name: string): Promise<Uint8Array> {
      const p = path(name);
      const bytes = readFileSync(p);
      rmSync(p, { force: true });
      return new Uint8Array(bytes);
    },
    async close(): Promise<void> {
      conn.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
