import { Data, Table, Utf8, makeData, makeVector, tableToIPC, type Vector } from 'apache-arrow';
import type { Engine } from '../engine/types';

/**
 * A UTF-8 Arrow vector built directly from its buffers. Arrow's builders (`vectorFromArray`)
 * compile their null checks with `new Function`, which the app's Content-Security-Policy
 * (no 'unsafe-eval') forbids — and building the buffers is faster anyway.
 */
export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const encoder = new TextEncoder();
  const offsets = new Int32Array(values.length + 1);
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  let bytes = new Uint8Array(Math.max(64, values.length * 8));
  let end = 0;
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null) {
      nullCount++;
    } else {
      nullBitmap[i >> 3]! |= 1 << (i & 7);
      // Worst case 3 bytes per UTF-16 unit; grow before encoding into place.
      if (end + v.length * 3 > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, end + v.length * 3));
        grown.set(bytes.subarray(0, end));
        bytes = grown;
      }
      end += encoder.encodeInto(v, bytes.subarray(end)).written;
    }
    offsets[i + 1] = end;
  });
  const data: Data<Utf8> = makeData({ type: new Utf8(), length: values.length, nullCount, nullBitmap, valueOffsets: offsets, data: bytes.subarray(0, end) });
  return makeVector(data);
}

/** Inserts columns of cell text as an all-VARCHAR table (for formats parsed in JavaScript). */
export async function insertTextColumns(
  engine: Engine,
  table: string,
  headers: readonly string[],
  columns: readonly (readonly (string | null)[])[],
): Promise<void> {
  const vectors = Object.fromEntries(headers.map((h, i) => [h, utf8Vector(columns[i] ?? [])]));
  await engine.insertArrowIPC(table, tableToIPC(new Table(vectors), 'stream'));
}
