import type { Table } from 'apache-arrow';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/**
 * Arrow rows as plain objects for the few places that need JS values (reports, previews):
 * BIGINT → number, dates → ISO text. Charts and big results should stay columnar.
 */
export function toRows(table: Table): Row[] {
  const names = table.schema.fields.map((f) => f.name);
  const types = table.schema.fields.map((f) => String(f.type));
  const out: Row[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) out[r] = {};
  // Column by column through each vector's iterator: `get(r)` searches the chunks on every call
  // (a 500k-row customer list took seconds that way).
  names.forEach((name, i) => {
    const type = types[i] ?? '';
    let r = 0;
    for (const v of table.getChildAt(i) ?? []) out[r++]![name] = toCell(v, type);
  });
  return out;
}

function toCell(v: unknown, type: string): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return type.startsWith('Date') ? v.toISOString().slice(0, 10) : v.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  if (typeof v === 'number' && type.startsWith('Date')) return new Date(v).toISOString().slice(0, 10);
  if (typeof v === 'number' && type.startsWith('Timestamp')) return new Date(v).toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  // Nested values (Parquet structs and lists) as JSON text rather than "[object Object]".
  const plain = typeof (v as { toJSON?: unknown }).toJSON === 'function' ? (v as { toJSON(): unknown }).toJSON() : v;
  try {
    return JSON.stringify(plain, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)) ?? String(v);
  } catch {
    return String(v);
  }
}

/** The single value of a one-row, one-column result. */
export function scalar(table: Table): Cell {
  const row = toRows(table)[0];
  return row ? (Object.values(row)[0] ?? null) : null;
}
