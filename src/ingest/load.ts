import type { Engine } from '../engine/types';
import { toRows } from '../engine/rows';
import { ident } from '../sql/quote';
import type { EncodingChoice } from './decode';
import { detectFormat } from './detect';
import { applyOverrides, autoMap, fieldsByColumn, type MappingResult } from './mapping';
import { IngestError, type FileReport } from './report';
import { findLeftOutRows, keptRowsSql, skipTable } from './left-out';
import { personalColumnsSkip, stageArrow, stageParquet } from './stage-binary';
import { readAtLoad, readDeferred, withPending } from './deferred';
import { stageCsv } from './stage-csv';
import { stageJson } from './stage-json';
import { stageXlsx } from './stage-xlsx';
import type { Staging } from './staging';
import { typeStaging, type TypedFile } from './typing';
import { fieldByName } from './vocabulary';

export interface InputFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The file itself where the page has it: a lazily read Parquet file reads more of it later. */
  readonly blob?: Blob;
}

export interface LoadOptions {
  readonly encoding?: EncodingChoice;
  /** `field → column` choices that win over auto-mapping (the CLI's `--map`). */
  readonly overrides?: Readonly<Record<string, string>>;
  /** Records the user took back in (rows recognized as not customers, see left-out.ts). */
  readonly include?: readonly number[];
  /**
   * Parquet: read only the columns the load needs now (see deferred.ts), plus `alsoRead` (dataset
   * column names the data already loaded has); the rest when asked for.
   */
  readonly lazy?: boolean;
  readonly alsoRead?: ReadonlySet<string>;
  /** Parquet read lazily: of the dataset columns the file will give, those to read at load too. */
  readonly readFirst?: (columns: ReadonlySet<string>) => ReadonlySet<string>;
  /** Progress of one file, 0–1, by stage (reading, mapping, checking cells). */
  readonly onProgress?: (fraction: number, stage: 'read' | 'map' | 'check') => void;
}

/** The part of a file's progress (0–1) that reading it takes. */
const READ_SHARE = [0.05, 0.6] as const;

/** One file after ingest: its raw and typed tables, mapping and report. */
export interface LoadedFile {
  readonly id: string;
  readonly name: string;
  readonly staging: Staging;
  readonly typed: TypedFile;
  readonly mapping: MappingResult;
  readonly report: FileReport;
  readonly size: number;
  /** Records taken back in by the user: kept across re-typing, like the mapping. */
  readonly include: readonly number[];
  /** The `WHERE` keeping the staging rows that are customers ('' for all). */
  readonly kept: string;
}

/**
 * Reads one file into DuckDB: detect format → stage (raw) → map columns → type and check
 * every cell. Throws `IngestError` (naming the file, and the line where known) and leaves
 * nothing behind on failure, so what was loaded before is untouched.
 */
export async function loadFile(engine: Engine, id: string, input: InputFile, options: LoadOptions = {}): Promise<LoadedFile> {
  const started = performance.now();
  // Read before staging: the browser engine takes ownership of (detaches) the buffer.
  const size = input.bytes.length;
  const format = detectFormat(input.name, input.bytes);
  if (format === undefined) throw new IngestError(input.name, { code: 'errUnsupportedType' });
  let staging: Staging | undefined;
  const progress = options.onProgress ?? (() => undefined);
  try {
    progress(READ_SHARE[0], 'read');
    // Reading is most of a big file's load: a Parquet file reports its rows as they go in.
    const [from, to] = READ_SHARE;
    const lazy = format === 'parquet' && options.lazy === true ? await stageLazily(engine, id, input, options, (f) => progress(Math.min(to, from + (to - from) * f), 'read')) : undefined;
    staging = lazy?.staging ?? (await stage(engine, id, input, format, options.encoding ?? 'auto', (f) => progress(Math.min(to, from + (to - from) * f), 'read')));
    progress(to, 'map');
    const mapping = lazy?.mapping ?? mapHeaders(toRows(await engine.query(`SELECT column_name FROM (DESCRIBE ${ident(staging.table)})`)).map((r) => String(r.column_name)), options.overrides);
    progress(0.65, 'check');
    const include = options.include ?? [];
    const leftOut = await findLeftOutRows(engine, staging, id, mapping.mapping, include);
    const kept = keptRowsSql(id, leftOut);
    const typed = withPending(await typeStaging(engine, staging, input.name, mapping.mapping, id, kept), staging, mapping.mapping);
    progress(1, 'check');
    if (typed.rows === 0) throw new IngestError(input.name, { code: 'errNoDataRows' });
    const report: FileReport = {
      file: input.name,
      format,
      encoding: staging.encoding,
      delimiter: staging.delimiter,
      sheet: staging.sheet,
      sheets: staging.sheets,
      ...readParts(typed, leftOut, started),
    };
    return { id, name: input.name, staging, typed, mapping, report, size, include, kept };
  } catch (e) {
    await dropFileTables(engine, id);
    if (e instanceof IngestError) throw e;
    throw new IngestError(input.name, e instanceof Error ? e.message.split('\n')[0]! : String(e));
  }
}

/**
 * Re-types a loaded file under a new mapping (the user corrected a column's field) or with other
 * rows taken back in; the rows that are not customers are found again (the id column may differ).
 */
export async function remapFile(engine: Engine, file: LoadedFile, mapping: MappingResult, include: readonly number[] = file.include): Promise<LoadedFile> {
  const started = performance.now();
  // Columns the new mapping makes the load's business (an id, a period, text to parse) are read first.
  const deferred = file.staging.deferred;
  const staging = deferred ? await readDeferred(engine, file.staging, file.id, deferred.pending.filter(readAtLoad(deferred.types, mapping.mapping))) : file.staging;
  const leftOut = await findLeftOutRows(engine, staging, file.id, mapping.mapping, include);
  const kept = keptRowsSql(file.id, leftOut);
  const typed = withPending(await typeStaging(engine, staging, file.name, mapping.mapping, file.id, kept), staging, mapping.mapping);
  const report: FileReport = { ...file.report, ...readParts(typed, leftOut, started) };
  return { ...file, staging, typed, mapping, report, include, kept };
}

/**
 * Reads more of a lazily read file: `columns` (of its own names) that are still pending, then
 * types it again. The rows left out stay as they were; the report's columns fill in.
 */
export async function readMoreColumns(engine: Engine, file: LoadedFile, columns: readonly string[]): Promise<LoadedFile> {
  const staging = await readDeferred(engine, file.staging, file.id, columns);
  if (staging === file.staging) return file;
  const typed = withPending(await typeStaging(engine, staging, file.name, file.mapping.mapping, file.id, file.kept), staging, file.mapping.mapping);
  return { ...file, staging, typed, report: { ...file.report, columns: typed.columns, problems: typed.problems, problemCount: typed.problemCount } };
}

/** Maps headers to fields, with the user's choices (`--map`) over the automatic ones. */
function mapHeaders(headers: readonly string[], overrides: LoadOptions['overrides']): MappingResult {
  let mapping = autoMap(headers);
  if (overrides && Object.keys(overrides).length > 0) {
    // Overrides may name columns of other files of the same batch; apply those this file has.
    const own = Object.fromEntries(Object.entries(overrides).filter(([, col]) => headers.includes(col)));
    for (const field of Object.keys(overrides)) fieldByName(field);
    mapping = applyOverrides(mapping, own, headers);
  }
  return mapping;
}

/**
 * A Parquet file read lazily: its columns and types from the footer, the mapping from those, and
 * only the columns `readAtLoad` picks read into the staging table now.
 */
async function stageLazily(engine: Engine, id: string, input: InputFile, options: LoadOptions, onProgress: (fraction: number) => void): Promise<{ staging: Staging; mapping: MappingResult }> {
  const source = input.blob ?? input.bytes;
  let described: { name: string; type: string }[];
  try {
    described = await engine.describeParquet(source);
  } catch (e) {
    throw new IngestError(input.name, { code: 'errParquetUnreadable', params: { reason: e instanceof Error ? e.message : String(e) } });
  }
  const forGood = personalColumnsSkip(input.bytes.length);
  const headers = described.map((d) => d.name).filter((n) => !forGood?.(n));
  const types = Object.fromEntries(described.map((d) => [d.name, d.type]));
  const mapping = mapHeaders(headers, options.overrides);
  const field = fieldsByColumn(mapping.mapping);
  const first = options.readFirst?.(new Set(headers.map((h) => field.get(h) ?? h)));
  const also = new Set(headers.filter((h) => options.alsoRead?.has(field.get(h) ?? h) || first?.has(field.get(h) ?? h)));
  let now = readAtLoad(types, mapping.mapping, also);
  // A file with none of those (no id mapped) still needs a column to count its rows.
  if (!headers.some(now)) now = (c) => c === headers[0];
  const staging = await stageParquet(engine, id, input.name, source, { read: now, onProgress });
  return { staging: { ...staging, deferred: { source, order: headers, pending: headers.filter((h) => !now(h)), types } }, mapping };
}

/** The parts of a file's report that typing and finding the left-out rows give (again after a re-map). */
function readParts(typed: Awaited<ReturnType<typeof typeStaging>>, leftOut: Awaited<ReturnType<typeof findLeftOutRows>>, started: number) {
  return {
    rows: typed.rows,
    columns: typed.columns,
    problems: typed.problems,
    problemCount: typed.problemCount,
    leftOut: leftOut.rows,
    leftOutCount: leftOut.count,
    ms: Math.round(performance.now() - started),
  };
}

function stage(
  engine: Engine,
  id: string,
  input: InputFile,
  format: NonNullable<ReturnType<typeof detectFormat>>,
  encoding: EncodingChoice,
  onProgress: (fraction: number) => void,
): Promise<Staging> {
  switch (format) {
    case 'csv':
      return stageCsv(engine, id, input.name, input.bytes, encoding);
    case 'xlsx':
      return stageXlsx(engine, id, input.name, input.bytes);
    case 'json':
    case 'ndjson':
      return stageJson(engine, id, input.name, input.bytes, format === 'ndjson');
    case 'parquet':
      return stageParquet(engine, id, input.name, input.bytes, { onProgress });
    case 'arrow':
      return stageArrow(engine, id, input.name, input.bytes);
  }
}

/** Removes a file's tables (on failure, or when the user removes the file). */
export async function dropFileTables(engine: Engine, id: string): Promise<void> {
  for (const t of [`src_${id}`, `stg_${id}`, `stgx_${id}`, `stgn_${id}`, `rej_${id}`, `rejscan_${id}`, skipTable(id)]) await dropRelation(engine, t);
}

/** Drops a table or view by name, whichever it is (DuckDB refuses DROP VIEW on a table). */
export async function dropRelation(engine: Engine, name: string): Promise<void> {
  // No catalog lookup first (it cost 150 ms in the page on a load's way): DuckDB answers
  // `DROP VIEW` of a table with "Existing object … is of type Table"; any other error stands.
  try {
    await engine.query(`DROP VIEW IF EXISTS ${ident(name)}`);
  } catch (e) {
    if (!/is of type Table/.test(e instanceof Error ? e.message : String(e))) throw e;
    await engine.query(`DROP TABLE IF EXISTS ${ident(name)}`);
  }
}
