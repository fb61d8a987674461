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
   */
  registerFile(name: string, bytes: Uint8Array): Promise<string>;
  /** The path SQL must use for a file name (to read a registered file or `COPY … TO` one). */
  filePath(name: string): string;
  dropFile(name: string): Promise<void>;
  /** Creates (or replaces) `table` from an Arrow IPC stream. */
  insertArrowIPC(table: string, ipcStream: Uint8Array): Promise<void>;
  /**
   * Creates (or replaces) `table` from Parquet bytes (DuckDB-WASM has no Parquet offline),
   * leaving out the columns `skip` names; resolves with the names left out.
   */
  insertParquet(table: string, bytes: Uint8Array, skip?: (column: string) => boolean): Promise<string[]>;
  /** Runs a query and returns its result as a Parquet file (zstd-compressed). */
  exportParquet(sql: string): Promise<Uint8Array>;
  /** Reads a file the engine wrote (e.g. `COPY … TO`), then forgets it. */
  readFile(name: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Run right after opening, on every adapter. Offline, an extension download can hang
 * (Node) or poison the wasm instance (browser) — see shared/spec/platform.md.
 */
export const OFFLINE_SETTINGS: readonly string[] = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
];

/**
 * Run right after OFFLINE_SETTINGS by the two DuckDB-WASM adapters: every table goes to an
 * in-memory database that compresses its row groups, as a file database would; DuckDB's default
 * in-memory database keeps them uncompressed. It is the connection's default database, so every
 * unqualified name (all of ours) lands there. Measured:
 * - the 12M-row panel's tables: 1.67 GB → 330 MB (the tab holds ~4 GB at most; 24 months of
 *   1M customers did not fit before), renderer memory after loading it 3.5 → 2.2 GB;
 * - a GROUP BY over 1M rows: 43 → 8 ms (DuckDB-WASM in Node);
 * - the price: inserting is about twice the work (1M rows: 1.0 → 1.9–2.2 s in Node), so a
 *   1M-row load takes 2–4 s longer in the page.
 */
export const WASM_STORAGE: readonly string[] = [`ATTACH ':memory:' AS tierlens (COMPRESS)`, 'USE tierlens'];
