import { readFileSync } from 'node:fs';
import * as pq from 'parquet-wasm';
import { readParquetInParts } from '../../src/engine/parquet-io';
import { personalColumnsSkip } from '../../src/ingest/stage-binary';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { median } from './stats';

export interface ParquetWasmFloor {
  /** parquet-wasm decoding the file into IPC batches, alone (median ms). */
  readonly decodeMs: number;
  /** DuckDB-WASM inserting those batches (Arrow IPC), alone (median ms). */
  readonly insertMs: number;
  /** The batches' IPC bytes in MB (2^20): each a new buffer on the page's thread. */
  readonly ipcMb: number;
}

/** The app's Parquet reader decoding a whole file to IPC batches (every column), kept in order. */
async function decodeParquet(bytes: Uint8Array): Promise<{ batches: Uint8Array[] }> {
  const batches: Uint8Array[] = [];
  await readParquetInParts(pq, bytes, undefined, (ipc) => void batches.push(ipc));
  return { batches };
}

/**
 * What the browser's Parquet path costs before the app does anything of its own: the same
 * parquet-wasm and DuckDB-WASM builds, run in Node on one thread (the app's `decodeParquet` and
 * wasm-node adapter), so nothing of the page (typing checks, duplicate ids, the notebook) is in it.
 * In the page the two overlap on two threads, so a load cannot beat the larger of them: the floor
 * under the Parquet target, beside native DuckDB's whole load.
 */
export async function parquetWasmFloor(file: string, runs = 3): Promise<ParquetWasmFloor> {
  const bytes = new Uint8Array(readFileSync(file));
  // Unrecorded: the first decode also compiles parquet-wasm's code (V8 tiers it up as it runs).
  await decodeParquet(bytes);
  const decode: number[] = [];
  let ipcBytes = 0;
  const insert: number[] = [];
  for (let run = 0; run < runs; run++) {
    let t0 = performance.now();
    const { batches } = await decodeParquet(bytes);
    decode.push(performance.now() - t0);
    ipcBytes = batches.reduce((sum, b) => sum + b.length, 0);
    // A fresh engine per run: wasm memory never shrinks, and an insert into a grown one is cheaper.
    const engine = await openWasmNodeEngine();
    try {
      t0 = performance.now();
      // One table per batch: the same Arrow insert as a load's, without the appends' bookkeeping.
      for (const [i, ipc] of batches.entries()) await engine.insertArrowIPC(`floor_${i}`, ipc);
      insert.push(performance.now() - t0);
    } finally {
      await engine.close();
    }
  }
  return { decodeMs: median(decode), insertMs: median(insert), ipcMb: ipcBytes / 2 ** 20 };
}

/**
 * MB (2^20) of Arrow IPC a Parquet file becomes on its way into DuckDB-WASM in the page: every
 * batch a new buffer, without the columns the browser leaves out of a file that size.
 */
export async function parquetIpcMb(file: string): Promise<number> {
  const bytes = new Uint8Array(readFileSync(file));
  let total = 0;
  await readParquetInParts(pq, bytes, personalColumnsSkip(bytes.length), (ipc) => {
    total += ipc.length;
  });
  return total / 2 ** 20;
}
