import type { ParquetSource } from './parquet-io';
import type { Table } from 'apache-arrow';

/** A value that may be bound to a `?` placeholder. */
export type SqlValue = string | number | boolean | null | bigint;

/**
 * The one narrow database interface every layer above talks to.
 * Three adapters implement it: DuckDB-WASM in a browser worker, DuckDB-WASM in Node
 * (tests run the browser's engine version), and native DuckDB (command line).
 */
export interface Engine {
  readonly kind: 'wasm-browser' | 'wasm-node' | 'native';
  /** Runs SQL; user values only ever travel in `params` (bound, never pasted). */
  query(sql: string, params?: readonly SqlValue[]): Promise<Table>;
  /**
   * Makes bytes readable by SQL under a path, and returns the path to put in SQL
   * (as a quoted literal). Adapters differ: WASM uses a virtual file name, native a temp file.
   * The engine may take the bytes over (the browser's moves them to its worker): the caller
   * must not read them afterwards.
   */
  registerFile(name: string, bytes: Uint8Array): Promise<string>;
  /** The path SQL must use for a file name (to read a registered file or `COPY … TO` one). */
  filePath(name: string): string;
  dropFile(name: string): Promise<void>;
  /** Creates (or replaces) `table` from an Arrow IPC stream. */
  insertArrowIPC(table: string, ipcStream: Uint8Array): Promise<void>;
  /**
   * Creates (or replaces) `table` from Parquet bytes (DuckDB-WASM has no Parquet offline),
   * leaving out the columns `skip` names; resolves with the names left out. `onProgress` hears
   * the share of rows inserted as batches go in (a 12-month panel takes tens of seconds here);
   * an engine that inserts in one statement may not call it.
   */
  insertParquet(table: string, source: ParquetSource, skip?: (column: string) => boolean, onProgress?: (fraction: number) => void): Promise<string[]>;
  /** A Parquet file's columns and the types DuckDB gives them, from its footer (no row is read). */
  describeParquet(source: ParquetSource): Promise<{ readonly name: string; readonly type: string }[]>;
  /** Runs a query and returns its result as a Parquet file (zstd-compressed). */
  exportParquet(sql: string): Promise<Uint8Array>;
  /** Reads a file the engine wrote (e.g. `COPY … TO`), then forgets it. */
  readFile(name: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Run right after opening, on every adapter. Offline, an extension download can hang
 * (Node) or crash the wasm instance (browser: `unreachable`, `function signature mismatch`).
 */
export const OFFLINE_SETTINGS: readonly string[] = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
];

/**
 * Compressed storage for big Parquet files in the DuckDB-WASM adapters. DuckDB's in-memory
 * database keeps row groups uncompressed; an attached in-memory database with COMPRESS stores
 * them as a file database would. Measured:
 * - the 12M-row panel's table: 1.67 GB → 330 MB (the tab holds ~4 GB at most), renderer memory
 *   after loading it 3.5 → 2.2 GB; a GROUP BY over 1M rows 43 → 8 ms (DuckDB-WASM in Node);
 * - the price: inserting is about twice the work (1M rows: 1.0 → 1.9–2.2 s in Node), and for
 *   CSV, whose staging table is all text, reading and typing 1M rows took 5.8 → 11.7 s.
 * So Parquet goes there once the Parquet loaded into the engine reaches {@link COMPACT_PARQUET_BYTES}
 * (a 12-month panel; the second and later of a year of monthly 1M-customer extracts), while CSV,
 * XLSX, the bundled sample and a first month stay in the default database. Reads find both
 * through the search path. The switch is safe because callers serialize engine access
 * (Workspace.serial; tests await each call).
 */
export const COMPACT_STORAGE_OPEN: readonly string[] = [`ATTACH ':memory:' AS compact (COMPRESS)`, `SET search_path = 'memory.main,compact.main'`];

/** Parquet bytes loaded into one engine (this file included) from which files are stored compressed: about 1.5M rows. */
export const COMPACT_PARQUET_BYTES = 64 * 1024 * 1024;

/**
 * One adapter's Parquet storage policy: `store(bytes, insert)` runs the insert of a file of that
 * many bytes in the compressed database once the engine's Parquet total reaches the limit.
 * `run` executes one SQL statement on the adapter's connection.
 */
export function parquetStorage(run: (sql: string) => unknown): <T>(bytes: number, insert: () => Promise<T>) => Promise<T> {
  let loaded = 0;
  return async (bytes, insert) => {
    loaded += bytes;
    if (loaded < COMPACT_PARQUET_BYTES) return insert();
    // One statement each way, so nothing runs between the switch and its search path.
    await run(`USE compact; SET search_path = 'compact.main,memory.main'`);
    try {
      return await insert();
    } finally {
      await run(`USE memory; SET search_path = 'memory.main,compact.main'`);
    }
  };
}
