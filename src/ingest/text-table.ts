import { Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { Engine } from '../engine/types';

/** Inserts columns of cell text as an all-VARCHAR table (for formats parsed in JavaScript). */
export async function insertTextColumns(
  engine: Engine,
  table: string,
  headers: readonly string[],
  columns: readonly (readonly (string | null)[])[],
): Promise<void> {
  const vectors = Object.fromEntries(headers.map((h, i) => [h, vectorFromArray(columns[i] ?? [], new Utf8())]));
  await engine.insertArrowIPC(table, tableToIPC(new Table(vectors), 'stream'));
}
