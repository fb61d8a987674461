import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { median } from './stats';

/**
 * The same loads and the same tier query in native DuckDB (@duckdb/node-api) on this machine,
 * one thread (`SET threads=1`), for the browser/native ratios. Loads are timed one at a time
 * between the browser's loads of the same file (`NativeSession.load`), so each ratio compares
 * figures taken side by side on a machine whose speed drifts.
 */
export interface NativeResult {
  readonly version: string;
  readonly threads: number;
  readonly parquetMs: number[];
  /** The same Parquet file, only the columns the default dashboard reads (`DASHBOARD_COLUMNS`). */
  readonly parquetColumnsMs: number[];
  readonly csvMs: number[];
  readonly panel12Ms: number[];
  /** CASE-ladder tier GROUP BY over the 1M-customer table, ms per run. */
  readonly ladderQueryMs: number[];
  /** The quadrant's tier GROUP BY (x = credit_score, y = aum), ms per run. */
  readonly quadrantQueryMs: number[];
}

/**
 * The bench file's columns the default retail dashboard reads: the id, the period, the scheme's
 * metric (AUM) and the branch (by-branch view, segments); the duplicate check reads id and period.
 */
export const DASHBOARD_COLUMNS = ['customer_id', 'snapshot_date', 'aum', 'branch'] as const;

const lit = (path: string) => `'${path.replaceAll("'", "''")}'`;
const num = (x: number) => (Number.isFinite(x) ? String(x) : 'NULL');

/** The retail-aum ladder as a plain CASE, best first (what compileScheme produces for it). */
export function ladderSql(table: string, bounds: readonly number[], period: string): string {
  const tiers = ['private', 'vip', 'affluent', 'wealth'];
  const whens = tiers.map((t, i) => `WHEN aum >= ${num(bounds[i]!)} THEN '${t}'`).join(' ');
  return `SELECT CASE WHEN aum IS NULL OR aum < 0 THEN 'unrated' ${whens} ELSE 'mass' END AS tier, count(*) AS customers FROM ${table} WHERE snapshot_date = DATE '${period}' GROUP BY tier`;
}

export function quadrantSql(table: string, [x, y]: readonly number[], period: string): string {
  return `SELECT CASE WHEN credit_score IS NULL OR aum IS NULL THEN 'unrated' WHEN credit_score >= ${num(x!)} AND aum >= ${num(y!)} THEN 'star' WHEN aum >= ${num(y!)} THEN 'cash' WHEN credit_score >= ${num(x!)} THEN 'develop' ELSE 'watch' END AS tier, count(*) AS customers FROM ${table} WHERE snapshot_date = DATE '${period}' GROUP BY tier`;
}

async function timed(c: DuckDBConnection, sql: string): Promise<number> {
  const t0 = performance.now();
  await c.runAndReadAll(sql);
  return performance.now() - t0;
}

/** One native DuckDB, 1 thread, kept open through the run. */
export interface NativeSession {
  readonly version: string;
  readonly threads: number;
  /** `CREATE TABLE … AS SELECT <columns or *> FROM <reader>` once, ms. */
  load(kind: 'parquet' | 'csv', path: string, columns?: readonly string[]): Promise<number>;
  /** The tier queries on the 1M-customer Parquet file (loaded untimed first). */
  queries(o: { parquet: string; queryRuns: number; ladderSets: readonly number[][]; quadrantSets: readonly number[][]; log: (line: string) => void }): Promise<{ ladderQueryMs: number[]; quadrantQueryMs: number[] }>;
  close(): void;
}

export async function openNative(): Promise<NativeSession> {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const c = await db.connect();
  await c.run('SET threads=1');
  const version = String((await c.runAndReadAll('SELECT version()')).getRowsJS()[0]?.[0] ?? '?');
  const threads = Number((await c.runAndReadAll("SELECT current_setting('threads')")).getRowsJS()[0]?.[0] ?? NaN);
  const reader = (kind: 'parquet' | 'csv', path: string) => (kind === 'parquet' ? `read_parquet(${lit(path)})` : `read_csv(${lit(path)})`);
  return {
    version,
    threads,
    async load(kind, path, columns) {
      await c.run('DROP TABLE IF EXISTS t');
      const ms = await timed(c, `CREATE TABLE t AS SELECT ${columns ? columns.map((x) => `"${x}"`).join(', ') : '*'} FROM ${reader(kind, path)}`);
      await c.run('DROP TABLE IF EXISTS t');
      return ms;
    },
    async queries(o) {
      await c.run(`CREATE OR REPLACE TABLE t AS SELECT * FROM ${reader('parquet', o.parquet)}`);
      const period = String((await c.runAndReadAll("SELECT strftime(max(snapshot_date), '%Y-%m-%d') FROM t")).getRowsJS()[0]?.[0]);
      const query = async (label: string, sets: readonly number[][], sql: (v: readonly number[]) => string): Promise<number[]> => {
        const usable = sets.filter((v) => v.length > 0 && v.every(Number.isFinite));
        if (usable.length === 0) return [];
        for (let i = 0; i < 3; i++) await timed(c, sql(usable[i % usable.length]!));
        const runs: number[] = [];
        for (let i = 0; i < Math.max(o.queryRuns, usable.length); i++) runs.push(await timed(c, sql(usable[i % usable.length]!)));
        o.log(`  native ${label.padEnd(8)} query: median ${median(runs).toFixed(1)} ms over ${runs.length} runs`);
        return runs;
      };
      const ladderQueryMs = await query('ladder', o.ladderSets, (v) => ladderSql('t', v, period));
      const quadrantQueryMs = await query('quadrant', o.quadrantSets, (v) => quadrantSql('t', v, period));
      await c.run('DROP TABLE IF EXISTS t');
      return { ladderQueryMs, quadrantQueryMs };
    },
    close() {
      c.closeSync();
      db.closeSync();
    },
  };
}
