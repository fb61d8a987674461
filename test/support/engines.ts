import type { Engine } from '../../src/engine/types';
import { openWasmNodeEngine } from '../../src/engine/wasm-node';
import { openNativeEngine } from '../../src/engine/native';

/** Both engines the product runs on: the browser's WASM build (in Node) and native DuckDB. */
export const ENGINES: ReadonlyArray<[string, () => Promise<Engine>]> = [
  ['duckdb-wasm', openWasmNodeEngine],
  ['duckdb-native', () => openNativeEngine({ threads: 1 })],
];
