import { readFileSync } from 'node:fs';
import * as pq from 'parquet-wasm';
import { decodeParquet } from '../../src/engine/parquet-io';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { median } from './stats';

export interface ParquetWasmFloor {
  /** parquet-wasm decoding the file into IPC batches, alone (median ms). */
  readonly decodeMs: number;
  /** DuckDB-WASM inserting those batches (Arrow IPC), alone (median ms). */
  readonly insertMs: number;
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
  await decodeParquet(pq, bytes);
  const decode: number[] = [];
  const insert: number[] = [];
  for (let run = 0; run < runs; run++) {
    let t0 = performance.now();
    const { batches } = await decodeParquet(pq, bytes);
    decode.push(performance.now() - t0);
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
  return { decodeMs: median(decode), insertMs: median(insert) };
}
