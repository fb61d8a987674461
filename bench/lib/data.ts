import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** The four files `scripts/generate-samples.ts --bench` writes (names fixed whatever N and M are). */
export interface BenchFiles {
  readonly dir: string;
  readonly parquet: string;
  readonly csv: string;
  readonly gbkCsv: string;
  readonly panel12: string;
  readonly customers: number;
  readonly months: number;
  /** Rows of the one-period files (customers present in the last month). */
  readonly rows: number;
  /** Rows of the panel. */
  readonly panelRows: number;
  readonly periods: number;
  readonly bytes: { readonly parquet: number; readonly csv: number; readonly gbkCsv: number; readonly panel12: number };
}

const MARKER = 'bench-params.json';

interface Marker {
  customers: number;
  months: number;
  rows: number;
  panelRows: number;
  periods: number;
  sizes: Record<string, number>;
}

function paths(dir: string) {
  return {
    parquet: join(dir, 'retail_1m.parquet'),
    csv: join(dir, 'retail_1m.csv'),
    gbkCsv: join(dir, 'retail_1m_gbk.csv'),
    panel12: join(dir, 'retail_1m_12m.parquet'),
  };
}

async function inspect(dir: string): Promise<{ rows: number; panelRows: number; periods: number; customers: number }> {
  const p = paths(dir);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const one = async (sql: string) => Number((await c.runAndReadAll(sql)).getRowsJS()[0]?.[0]);
  const q = (f: string) => `'${f.replaceAll("'", "''")}'`;
  const rows = await one(`SELECT count(*) FROM read_parquet(${q(p.parquet)})`);
  const panelRows = await one(`SELECT count(*) FROM read_parquet(${q(p.panel12)})`);
  const periods = await one(`SELECT count(DISTINCT snapshot_date) FROM read_parquet(${q(p.panel12)})`);
  // Customers of the first month: the generator's N (later months gain and lose a few).
  const customers = await one(`SELECT count(*) FROM read_parquet(${q(p.panel12)}) WHERE snapshot_date = (SELECT min(snapshot_date) FROM read_parquet(${q(p.panel12)}))`);
  c.closeSync();
  db.closeSync();
  return { rows, panelRows, periods, customers };
}

/**
 * Reuses the files in `dir` when they were generated for the same N × M (a small marker file
 * records it; without a marker the files are inspected), otherwise runs the sample generator.
 */
export async function ensureData(dir: string, customers: number, months: number, log: (line: string) => void): Promise<BenchFiles> {
  const p = paths(dir);
  const files = Object.values(p);
  const sizes = () => Object.fromEntries(Object.entries(p).map(([k, f]) => [k, statSync(f).size]));
  let marker: Marker | undefined;
  if (files.every((f) => existsSync(f) && statSync(f).size > 0)) {
    const markerPath = join(dir, MARKER);
    if (existsSync(markerPath)) {
      const m = JSON.parse(readFileSync(markerPath, 'utf8')) as Marker;
      if (m.customers === customers && m.months === months && JSON.stringify(m.sizes) === JSON.stringify(sizes())) marker = m;
    } else {
      const found = await inspect(dir);
      if (found.customers === customers && found.periods === months) {
        marker = { customers, months, rows: found.rows, panelRows: found.panelRows, periods: found.periods, sizes: sizes() };
        writeFileSync(markerPath, JSON.stringify(marker, null, 2));
      }
    }
  }
  if (marker) log(`data: reusing ${dir} (${customers.toLocaleString('en-US')} customers × ${months} months)`);
  else {
    log(`data: generating ${customers.toLocaleString('en-US')} customers × ${months} months into ${dir} (1M × 12 takes about 100 s and 800 MB) …`);
    const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/generate-samples.ts', '--bench', '--out', dir, '--customers', String(customers), '--months', String(months)], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`the sample generator failed (exit ${r.status})`);
    const found = await inspect(dir);
    marker = { customers, months, rows: found.rows, panelRows: found.panelRows, periods: found.periods, sizes: sizes() };
    writeFileSync(join(dir, MARKER), JSON.stringify(marker, null, 2));
  }
  const s = marker.sizes;
  return {
    dir,
    ...p,
    customers,
    months,
    rows: marker.rows,
    panelRows: marker.panelRows,
    periods: marker.periods,
    bytes: { parquet: s.parquet!, csv: s.csv!, gbkCsv: s.gbkCsv!, panel12: s.panel12! },
  };
}

/**
 * The panel's last two months as one Parquet file (written once, next to the panel): the
 * two-period scenario's fallback when the page cannot load the whole panel.
 */
export async function lastTwoMonths(files: BenchFiles): Promise<string> {
  const out = join(files.dir, 'retail_1m_last2.parquet');
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(files.panel12).mtimeMs) return out;
  const q = (f: string) => `'${f.replaceAll("'", "''")}'`;
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const tmp = `${out}.tmp`;
  await c.run(
    `COPY (SELECT * FROM read_parquet(${q(files.panel12)}) WHERE snapshot_date >= (SELECT DISTINCT snapshot_date FROM read_parquet(${q(files.panel12)}) ORDER BY 1 DESC LIMIT 1 OFFSET 1) ORDER BY snapshot_date, customer_id) TO ${q(tmp)} (FORMAT parquet, COMPRESSION zstd)`,
  );
  c.closeSync();
  db.closeSync();
  renameSync(tmp, out);
  return out;
}
