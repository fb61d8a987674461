import type { Table, Vector } from 'apache-arrow';

/**
 * Reading an extraction result's numeric columns (see tuning-sql.ts) into typed arrays, chunk by
 * chunk. Query results arrive in thousands of small chunks; `Vector.toArray` concatenates them
 * into a new array (96 MB for a 12M-row double column), and fresh memory is what costs most in
 * the page (see RadixBuffers), so per-group readers gather into arrays they reuse.
 */

export function vector(table: Table, name: string): Vector {
  const v = table.getChild(name);
  if (!v) throw new Error(`extraction result has no column "${name}"`);
  return v;
}

/**
 * `out[k]` = the value of the numeric column at row `rows[k]` (every row when `rows` is absent),
 * NULL read as `nullAs`; `rows` ascending (one walk through the chunks).
 */
export function gather(column: Vector, rows: ArrayLike<number> | undefined, out: Float64Array | Int32Array, nullAs = 0): void {
  const n = rows ? rows.length : column.length;
  const chunks = column.data;
  let c = -1;
  let base = 0;
  let end = 0;
  let values: ArrayLike<number> = out;
  let bitmap: Uint8Array | null = null;
  let offset = 0;
  for (let k = 0; k < n; k++) {
    const r = rows ? rows[k]! : k;
    while (r >= end) {
      base = end;
      const data = chunks[++c]!;
      values = data.values as ArrayLike<number>;
      // Only a chunk with some NULLs is checked row by row.
      bitmap = data.nullCount > 0 ? data.nullBitmap : null;
      offset = data.offset;
      end = base + data.length;
    }
    const i = r - base;
    if (bitmap && (bitmap[(offset + i) >> 3]! & (1 << ((offset + i) & 7))) === 0) out[k] = nullAs;
    else out[k] = values[i]!;
  }
}

/** A whole numeric column as a new array (NULL as `nullAs`). */
export function float64Column(table: Table, name: string, nullAs = NaN): Float64Array {
  const column = vector(table, name);
  const out = new Float64Array(column.length);
  gather(column, undefined, out, nullAs);
  return out;
}

export function int32Column(table: Table, name: string, nullAs = 0): Int32Array {
  const column = vector(table, name);
  const out = new Int32Array(column.length);
  gather(column, undefined, out, nullAs);
  return out;
}
