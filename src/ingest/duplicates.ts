import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { Engine } from '../engine/types';
import { toRows } from '../engine/rows';
import { ident } from '../sql/quote';

/**
 * Above this many repeated (id, period) hashes, ids repeat by nature (transaction-level data):
 * DuckDB groups the candidates itself rather than receive them as a table.
 */
export const CANDIDATE_LIMIT = 100_000;

const CANDIDATES = '__dup_hashes';

/**
 * The values that occur more than once (each once, ascending); undefined when there are more
 * than `limit` of them. Sorts `values` in place.
 */
export function repeatedValues(values: BigUint64Array, limit = CANDIDATE_LIMIT): BigUint64Array | undefined {
  values.sort();
  // Compared as two 32-bit words: reading a BigUint64Array allocates a BigInt per element.
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const same = (a: number, b: number) => words[2 * a] === words[2 * b] && words[2 * a + 1] === words[2 * b + 1];
  const at: number[] = [];
  for (let i = 1; i < values.length; i++) {
    if (!same(i, i - 1) || (at.length > 0 && same(at[at.length - 1]!, i))) continue;
    at.push(i);
    if (at.length > limit) return undefined;
  }
  return BigUint64Array.from(at, (i) => values[i]!);
}

/**
 * Up to this many rows DuckDB groups the hashes itself: faster than streaming them out (about
 * 0.6 against 1 s at 1M rows), and its hash table stays small (about 50 MB at 1M rows).
 */
export const GROUP_IN_ENGINE_ROWS = 2_000_000;

export interface DuplicateOptions {
  /** See {@link CANDIDATE_LIMIT}. */
  readonly limit?: number;
  /** See {@link GROUP_IN_ENGINE_ROWS}. */
  readonly groupInEngineRows?: number;
  /**
   * A column with one value per period, equal ⇔ same period (the dataset's `PERIOD_KEY`), hashed
   * instead of the period's text, which is dearer to hash; `period` by default.
   */
  readonly periodKey?: string;
}

/**
 * Customer ids repeated within a period, exactly. Grouping millions of (id, period) strings costs
 * seconds in the browser, so their 64-bit hashes are grouped instead, and only repeated hashes
 * are checked on the strings (a hash collision never counts as a duplicate). Above
 * {@link GROUP_IN_ENGINE_ROWS} rows even the hashes' hash table grew DuckDB-WASM's memory, which
 * never shrinks, by about 500 MB (a 12-month panel): there the hashes stream out and are sorted
 * here (freed afterwards), and only the repeated ones go back as a table.
 */
export async function countDuplicateIds(engine: Engine, table: string, rows: number, options: DuplicateOptions = {}): Promise<number> {
  const t = ident(table);
  const key = `hash(customer_id, ${ident(options.periodKey ?? 'period')})`;
  const count = async (sql: string) => Number(toRows(await engine.query(sql))[0]?.n ?? 0);
  const exact = (candidates: string) =>
    `SELECT count(*)::INTEGER AS n FROM (SELECT 1 FROM ${t} WHERE customer_id IS NOT NULL AND ${key} IN (${candidates}) GROUP BY customer_id, period HAVING count(*) > 1)`;
  const grouped = `SELECT ${key} AS k FROM ${t} WHERE customer_id IS NOT NULL GROUP BY ALL HAVING count(*) > 1`;
  if (rows <= (options.groupInEngineRows ?? GROUP_IN_ENGINE_ROWS)) {
    if ((await count(`SELECT count(*)::INTEGER AS n FROM (${grouped})`)) === 0) return 0;
    return count(exact(`SELECT k FROM (${grouped})`));
  }
  const hashes = (await engine.query(`SELECT ${key} AS k FROM ${t} WHERE customer_id IS NOT NULL`)).getChild('k');
  const repeated = hashes ? repeatedValues(hashes.toArray() as BigUint64Array, options.limit) : new BigUint64Array(0);
  if (repeated === undefined) return count(exact(`SELECT k FROM (${grouped})`));
  if (repeated.length === 0) return 0;
  await engine.insertArrowIPC(CANDIDATES, tableToIPC(tableFromArrays({ k: repeated }), 'stream'));
  try {
    return await count(exact(`SELECT k FROM ${ident(CANDIDATES)}`));
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${ident(CANDIDATES)}`);
  }
}
