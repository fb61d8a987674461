import { Float64, Table, makeData, makeVector, tableToIPC, type Vector } from 'apache-arrow';
import type { Row } from '../engine/rows';
import { utf8Vector } from '../ingest/text-table';

/** Numbers as Float64 (with a null bitmap), built from buffers: Arrow's builders need `new Function`, which the CSP forbids. */
function float64Vector(values: readonly (number | null)[]): Vector<Float64> {
  const data = new Float64Array(values.length);
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null) nullCount++;
    else {
      data[i] = v;
      nullBitmap[i >> 3]! |= 1 << (i & 7);
    }
  });
  return makeVector(makeData({ type: new Float64(), length: values.length, nullCount, nullBitmap, data }));
}

/** Plain rows → an Arrow IPC stream: numeric columns as DOUBLE, everything else as text. */
export function rowsToArrowIPC(columns: readonly string[], rows: readonly Row[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) {
    const values = rows.map((r) => r[c] ?? null);
    const numeric = values.every((v) => v === null || typeof v === 'number');
    vectors[c] = numeric ? float64Vector(values as (number | null)[]) : utf8Vector(values.map((v) => (v === null ? null : String(v))));
  }
  return tableToIPC(new Table(vectors), 'stream');
}
