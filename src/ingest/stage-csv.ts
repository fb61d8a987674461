import type { Engine } from '../engine/types';
import { toRows } from '../engine/rows';
import { ident, num, str } from '../sql/quote';
import { acceptedRowLines, recordLine, scanRecordStarts } from './csv-records';
import { decodeToUtf8, DecodeError, looksBinary, type EncodingChoice, type Utf8Text } from './decode';
import { chooseHeaderRow, HEADER_LOOKAHEAD } from './header-row';
import { IngestError, PROBLEM_LIMIT, problem, type Problem } from './report';
import { uniqueHeaders, type Staging } from './staging';

/**
 * CSV → staging table, all columns VARCHAR so that `1,234.56`, `12.3万` or `-` reach our own
 * parsers instead of DuckDB guessing a type and failing (or worse, succeeding wrongly).
 * Rows with the wrong number of fields are set aside by DuckDB (`store_rejects`) and reported.
 */
export async function stageCsv(engine: Engine, id: string, file: string, bytes: Uint8Array, encoding: EncodingChoice): Promise<Staging> {
  if (bytes.length === 0) throw new IngestError(file, { code: 'errEmptyFile' });
  if (looksBinary(bytes)) throw new IngestError(file, { code: 'errBinaryFile' });
  let decoded: Utf8Text;
  try {
    decoded = decodeToUtf8(bytes, encoding);
  } catch (e) {
    if (e instanceof DecodeError) throw new IngestError(file, { code: e.code, params: e.params }, e.line);
    throw e;
  }
  if (isBlank(decoded)) throw new IngestError(file, { code: 'errEmptyFile' });
  // Before the engine takes the bytes over: where each record starts, for line numbers later.
  const records = scanRecordStarts(decoded.utf8);
  // DuckDB would read an unclosed quote into one long field without a word: refuse it instead.
  const openQuote = records.openQuoteLine;
  if (openQuote !== undefined) throw new IngestError(file, { code: 'errUnclosedQuote' }, openQuote);
  const name = `${id}.csv`;
  const path = await engine.registerFile(name, decoded.utf8);
  const table = `stg_${id}`;
  const rejects = `rej_${id}`;
  const scan = `rejscan_${id}`;
  try {
    await engine.query(
      `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM read_csv(${str(path)}, header = true, all_varchar = true,
        store_rejects = true, rejects_table = ${str(rejects)}, rejects_scan = ${str(scan)}, sample_size = 20480)`,
    );
  } catch (e) {
    throw new IngestError(file, { code: 'errCsvUnreadable', params: { reason: firstLine(e) } });
  } finally {
    await engine.dropFile(name);
  }
  const delimiter = String((await engine.query(`SELECT delimiter FROM ${ident(scan)} LIMIT 1`)).get(0)?.delimiter ?? ',');
  // Every rejected record's line (numbers only: a broken file may have 100k of them), and the
  // full text of the first few, which are the ones listed.
  const rejectedLines = Array.from((await engine.query(`SELECT line::DOUBLE AS line FROM ${ident(rejects)} ORDER BY line`)).getChildAt(0)?.toArray() ?? [], Number);
  const listed = (
    await engine.query(`SELECT line::BIGINT AS line, error_type, error_message, csv_line FROM ${ident(rejects)} ORDER BY line LIMIT ${PROBLEM_LIMIT}`)
  ).toArray();
  const rows = Number((await engine.query(`SELECT count(*)::INTEGER AS n FROM ${ident(table)}`)).get(0)?.n ?? 0);

  // DuckDB's line for a rejected record counts only line breaks outside quotes: the scan turns
  // it into the record, and the record into the line an editor shows.
  const rejectedRecords = rejectedLines.map((line) => records.recordAtReaderLine(line));
  const known = rejectedRecords.every((i) => i !== undefined) && records.count - new Set(rejectedRecords).size === rows;
  const lineOf = known ? acceptedRowLines(records, rejectedRecords as number[]) : noLines;

  const problems: Problem[] = listed.map((r) => {
    const record = records.recordAtReaderLine(Number(r.line));
    const where = { severity: 'error' as const, file, line: record === undefined ? Number(r.line) : recordLine(records.lines, record), value: String(r.csv_line ?? '').trim().slice(0, 200) };
    const ragged = r.error_type === 'TOO MANY COLUMNS' || r.error_type === 'MISSING COLUMNS';
    return problem(where, ragged ? 'rowSkippedRagged' : 'rowSkipped', { reason: String(r.error_message ?? '') });
  });
  await engine.query(`DROP TABLE IF EXISTS ${ident(rejects)}`);
  await engine.query(`DROP TABLE IF EXISTS ${ident(scan)}`);
  const titles = await headerBelowTitles(engine, table, file, lineOf);
  if (titles) problems.unshift(titles.problem);
  return { table, format: 'csv', encoding: decoded.encoding, delimiter, problems, unlisted: rejectedLines.length - listed.length, lineOf: titles?.lineOf ?? lineOf };
}

/**
 * A report saved as CSV keeps its title rows above the header (`2025年12月 分支行客户资产报表,,,,`),
 * and the reader took the first of them for the header. When a later one of the first rows is
 * the header (chooseHeaderRow, as for a sheet), the table is made again from the row after it
 * with its names, and record k's line becomes that of record k + (rows dropped).
 */
async function headerBelowTitles(
  engine: Engine,
  table: string,
  file: string,
  lineOf: (row: number) => number | undefined,
): Promise<{ problem: Problem; lineOf: (row: number) => number | undefined } | undefined> {
  const names = toRows(await engine.query(`SELECT column_name FROM (DESCRIBE ${ident(table)})`)).map((r) => String(r.column_name));
  const head = await engine.query(`SELECT * FROM ${ident(table)} ORDER BY rowid LIMIT ${HEADER_LOOKAHEAD - 1}`);
  const rows: (string | null)[][] = [names.map((n) => (/^column\d+$/.test(n) ? null : n))];
  for (let r = 0; r < head.numRows; r++) rows.push(names.map((_n, c) => (head.getChildAt(c)?.get(r) as string | null) ?? null));
  const k = chooseHeaderRow(rows);
  if (k === 0) return undefined;
  const headers = uniqueHeaders(rows[k]!);
  const kept = `${table}__h`;
  await engine.query(
    `CREATE TABLE ${ident(kept)} AS SELECT ${names.map((n, i) => `${ident(n)} AS ${ident(headers[i]!)}`).join(', ')} FROM ${ident(table)} WHERE rowid >= ${num(k)} ORDER BY rowid`,
  );
  await engine.query(`DROP TABLE ${ident(table)}`);
  await engine.query(`ALTER TABLE ${ident(kept)} RENAME TO ${ident(table)}`);
  const headerLine = lineOf(k - 1) ?? k + 1;
  return {
    problem: problem({ severity: 'warning', file, line: headerLine }, 'csvTitleRows', { first: 1, last: headerLine - 1, header: headerLine }),
    lineOf: (row) => (row < 0 ? undefined : lineOf(row + k)),
  };
}

/** A module-level function, so that it keeps no scan of the file alive in a closure. */
const noLines = (): undefined => undefined;

/** Only whitespace, as `String.trim` counts it (U+3000 too), decoding no more than it must. */
function isBlank(decoded: Utf8Text): boolean {
  const bytes = decoded.utf8;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x20 || (b >= 0x09 && b <= 0x0d)) continue;
    if (b < 0x80) return false;
    // A non-ASCII character: from here on, decode a window at a time.
    const decoder = new TextDecoder();
    for (let j = i; j < bytes.length; j += 4096) if (/\S/.test(decoder.decode(bytes.subarray(j, j + 4096), { stream: true }))) return false;
    return !/\S/.test(decoder.decode());
  }
  return true;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}
