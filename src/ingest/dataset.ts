import type { Engine } from '../engine/types';
import { toRows, type Row } from '../engine/rows';
import { ident, str } from '../sql/quote';
import { countDuplicateIds } from './duplicates';
import { dropRelation, type LoadedFile } from './load';
import { fieldsByColumn } from './mapping';
import { PROBLEM_LIMIT, problem, type Problem } from './report';
import type { FieldName } from './vocabulary';

/** The table every scheme and chart reads: canonical field names, one row per customer-period. */
export const DATASET_TABLE = 'dataset';

export interface DatasetColumn {
  readonly name: string;
  readonly field?: FieldName;
  readonly sqlType: string;
}

export interface DatasetInfo {
  readonly table: string;
  readonly rows: number;
  /** Sorted ascending; empty when the data has no period. */
  readonly periods: readonly string[];
  readonly fields: readonly FieldName[];
  readonly columns: readonly DatasetColumn[];
  /** Customer ids that occur more than once in one period. */
  readonly duplicateIds: number;
  readonly problems: readonly Problem[];
}

// 2025-12, 202512, 2025_12_31, 20251231, 2025年3月. Not preceded or followed by more digits.
const PERIOD_IN_NAME = /(?<!\d)(19\d{2}|20\d{2})(?:[-_.]?(0[1-9]|1[0-2])(?:[-_.]?(0[1-9]|[12]\d|3[01]))?|年(1[0-2]|0?[1-9])月?)(?!\d)/;

/** A period read from a file name such as `retail_2025-12.csv` or `客户_202512.xlsx`. */
export function periodFromFileName(name: string): string | undefined {
  const m = PERIOD_IN_NAME.exec(name.replace(/^.*[\\/]/, ''));
  if (!m) return undefined;
  if (m[4]) return `${m[1]}-${m[4].padStart(2, '0')}`;
  return m[3] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}-${m[2]}`;
}

/**
 * Stacks the loaded files into one table. Each file contributes its mapped columns under their
 * field names and its other columns under their own names; files without a period column get
 * the period in their name (one file per month is the common case).
 */
export async function buildDataset(engine: Engine, files: readonly LoadedFile[]): Promise<DatasetInfo> {
  const problems: Problem[] = [];
  if (files.length === 0) {
    await dropRelation(engine, DATASET_TABLE);
    await engine.query(`CREATE TABLE ${ident(DATASET_TABLE)} (customer_id VARCHAR, period VARCHAR)`);
    return { table: DATASET_TABLE, rows: 0, periods: [], fields: [], columns: [], duplicateIds: 0, problems };
  }
  await stackDataset(engine, files, problems);

  const columns = toRows(await engine.query(`DESCRIBE ${ident(DATASET_TABLE)}`)).map((r: Row) => ({ name: String(r.column_name), sqlType: String(r.column_type) }));
  const fieldNames = new Set<string>(files.flatMap((f) => Object.keys(f.mapping.mapping)));
  const read = columns.filter((c) => !c.name.startsWith('__'));
  // Columns of lazily read files not read yet: the data has them, typed as they will be read.
  const pending = files.flatMap((f) => f.typed.columns.filter((c) => c.pending).map((c) => ({ name: datasetNameOf(f, c.name), sqlType: c.sqlType })));
  const unread = [...new Map(pending.filter((p) => !read.some((c) => c.name === p.name)).map((p) => [p.name, p])).values()];
  const described: DatasetColumn[] = [...read, ...unread].map((c) => ({ ...c, field: fieldNames.has(c.name) ? (c.name as FieldName) : undefined }));
  const hasPeriod = files.length > 1 || files.some((f) => f.mapping.mapping.period !== undefined);
  const stats = toRows(await engine.query(`SELECT count(*)::INTEGER AS n FROM ${ident(DATASET_TABLE)}`))[0]!;
  const periods = hasPeriod
    ? toRows(
        await engine.query(`SELECT DISTINCT CAST(k AS VARCHAR) AS period FROM (SELECT DISTINCT ${PERIOD_KEY} AS k FROM ${ident(DATASET_TABLE)} WHERE ${PERIOD_KEY} IS NOT NULL) ORDER BY period`),
      ).map((r) => String(r.period))
    : [];
  let duplicateIds = 0;
  if (fieldNames.has('customer_id')) {
    duplicateIds = await countDuplicateIds(engine, DATASET_TABLE, Number(stats.n), { periodKey: PERIOD_KEY });
    // Transaction-level data repeats customers by nature; customer-level data must not.
    if (duplicateIds > 0 && !fieldNames.has('txn_date')) {
      // The repeated ids to list are found by a plain count first; the ordered lists that name
      // each one's second row are built for those few only. Built for every (period, id) group,
      // they took 20.6 s in DuckDB-WASM for 1.5M rows with any repeat at all.
      const data = ident(DATASET_TABLE);
      const examples = toRows(
        await engine.query(
          `WITH listed AS (
             SELECT period, customer_id FROM ${data} WHERE customer_id IS NOT NULL GROUP BY period, customer_id HAVING count(*) > 1
             ORDER BY period, customer_id LIMIT ${PROBLEM_LIMIT})
           SELECT l.period, l.customer_id, count(*)::INTEGER AS n, list(d.__file ORDER BY d.__file, d.__rec)[2] AS f, list(d.__rec ORDER BY d.__file, d.__rec)[2] AS rec
           FROM ${data} d JOIN listed l ON d.customer_id = l.customer_id AND d.period IS NOT DISTINCT FROM l.period
           GROUP BY l.period, l.customer_id ORDER BY l.period, l.customer_id`,
        ),
      );
      for (const ex of examples) {
        const file = files[Number(ex.f)]!;
        const where = { severity: 'warning' as const, file: file.name, line: file.staging.lineOf(Number(ex.rec)), column: file.mapping.mapping.customer_id, value: String(ex.customer_id) };
        problems.push(problem(where, 'duplicateId', { n: Number(ex.n), period: String(ex.period ?? '(none)') }));
      }
    }
  }
  return {
    table: DATASET_TABLE,
    rows: Number(stats.n),
    periods,
    fields: [...fieldNames].filter((f) => described.some((c) => c.name === f)) as FieldName[],
    columns: described,
    duplicateIds,
    problems,
  };
}

/**
 * (Re)creates the dataset view over the files' typed tables, from the columns read so far; a
 * file's column named by a field appears under the field's name. `problems` hears about files
 * whose period cannot be told.
 */
export async function stackDataset(engine: Engine, files: readonly LoadedFile[], problems: Problem[] = []): Promise<void> {
  const keyed = periodColumnsAreKey(files);
  const selects = files.map((f, index) => {
    const parts: string[] = [];
    for (const c of f.typed.columns) {
      if (c.pending || f.mapping.mapping.period === c.name) continue;
      parts.push(`${ident(c.name)} AS ${ident(datasetNameOf(f, c.name))}`);
    }
    const periodColumn = f.mapping.mapping.period;
    let period = 'NULL::VARCHAR';
    if (periodColumn !== undefined) period = `CAST(${ident(periodColumn)} AS VARCHAR)`;
    else if (files.length > 1) {
      const fromName = periodFromFileName(f.name);
      if (fromName === undefined) problems.push(problem({ severity: 'warning', file: f.name }, 'noPeriodInName'));
      period = str(fromName ?? f.name);
    }
    // The period's own column where every file has one of one type (see periodColumnsAreKey).
    // Otherwise the period's own expression again: a bare `period` could name a source column.
    const key = keyed && periodColumn !== undefined ? ident(periodColumn) : period;
    parts.push(`${period} AS period`, `${key} AS ${PERIOD_KEY}`, `${index}::INTEGER AS __file`, `__rec::INTEGER AS __rec`);
    return `SELECT ${parts.join(', ')} FROM ${ident(f.typed.table)}`;
  });
  // A view over the files' tables: stacking 12 monthly files copies nothing.
  await dropRelation(engine, DATASET_TABLE);
  await engine.query(`CREATE VIEW ${ident(DATASET_TABLE)} AS ${selects.join(' UNION ALL BY NAME ')}`);
}

/** The dataset's name for a file's column: its field's, else its own (renamed if reserved). */
export function datasetNameOf(file: LoadedFile, column: string): string {
  const field = fieldsByColumn(file.mapping.mapping).get(column);
  return field ?? (isReserved(column) ? `${column}_src` : column);
}

/**
 * Hidden column of the dataset with one value per period, cheaper to hash and group than the
 * period's text: the duplicate check and the period list read it instead of casting every row's
 * period to VARCHAR. The 12-month panel's hashes: 2.7 s with the text against 1.0 s with its DATE
 * column (DuckDB-WASM in Node); a 1M-row load's period list and duplicate check in the browser:
 * 0.86 against 0.53 s. Equal keys ⇔ equal period text, within one dataset.
 */
export const PERIOD_KEY = '__period_key';

/** The dataset's bookkeeping columns (file, record, period key): never shown or exported. */
export const HIDDEN_COLUMNS: readonly string[] = ['__file', '__rec', PERIOD_KEY];

/** Types whose cast to VARCHAR is one-to-one: equal values ⇔ equal text. */
const KEY_TYPES = new Set(['DATE', 'TIMESTAMP', 'VARCHAR', 'INTEGER', 'BIGINT', 'SMALLINT']);

/**
 * Whether every file's period comes from a column, all of one type that casts to text one-to-one:
 * then that column is the key. Otherwise (a period from a file name, none, or mixed types, where
 * e.g. a DATE and a TIMESTAMP of the same day would be equal but read differently) the key is the
 * period text itself.
 */
function periodColumnsAreKey(files: readonly LoadedFile[]): boolean {
  const types = files.map((f) => {
    const column = f.mapping.mapping.period;
    return column === undefined ? undefined : f.typed.columns.find((c) => c.name === column)?.sqlType;
  });
  const first = types[0];
  return first !== undefined && KEY_TYPES.has(first) && types.every((t) => t === first);
}

function isReserved(name: string): boolean {
  return name === 'period' || name.startsWith('__');
}
