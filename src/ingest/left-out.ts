import type { Engine } from '../engine/types';
import { toRows } from '../engine/rows';
import { ident, num, str } from '../sql/quote';
import type { FieldMapping } from './mapping';
import type { Staging } from './staging';
import { numberSql } from './values-sql';
import { FIELDS, type FieldName } from './vocabulary';

/**
 * Rows of a file that are not customers: the subtotals, totals and footnotes a report written
 * by an office suite carries, and rows without a customer id. They are found once for every
 * format, in SQL over the staging table (its `rowid` is the record), left out of the typed
 * table, and listed in the load report, where the user can take any of them back in.
 */
export type LeftOutKind = 'summary' | 'note' | 'no-id';

export interface LeftOutRow {
  /** Record index in the staging table (its rowid). */
  readonly rec: number;
  readonly line?: number;
  readonly kind: LeftOutKind;
  /** The cell that made it a summary or note, or the row's first text for a row without an id. */
  readonly text?: string;
  /** A summary found by its amount: the number of rows above whose sum it equals. */
  readonly sumOf?: number;
  /** The user took it back in: it is in the dataset again. */
  readonly included: boolean;
}

export interface LeftOutScan {
  /** The listed rows (the first {@link LEFT_OUT_LIMIT}, plus every row taken back in), by record. */
  readonly rows: readonly LeftOutRow[];
  /** Every row recognized, listed or not, included or not (blank rows not counted). */
  readonly count: number;
  /** Rows actually left out (recognized, blank rows included, minus those taken back). */
  readonly skipped: number;
}

export const LEFT_OUT_LIMIT = 100;

// Whitespace as reports type it: ASCII, the ideographic space (U+3000) and NBSP. The literal
// characters (not escapes) keep one pattern valid for both JavaScript and RE2 (DuckDB).
const S = '[ \t\u3000\u00a0]';
const ZH_TOTAL = `(合${S}*计|小${S}*计|总${S}*计|共${S}*计|汇${S}*总)`;
const ZH_TOTAL_SUFFIX = `(合${S}*计|小${S}*计|总${S}*计|共${S}*计)`;
const EN_TOTAL = `(grand${S}*total|sub${S}*-?${S}*totals?|totals?)`;

/**
 * A cell that marks a summary row, matched whole on the lower-cased text: the keyword alone
 * (spaces between its characters allowed, `合 计`), the keyword then a colon, bracket or space
 * and more (`合计：`, `小计（元）`, `合计 40户`), or a short label then the keyword (`西湖支行小计`,
 * `分行汇总`, `Branch total`). A company named `中汇总部` or `合计贸易有限公司` does not match:
 * the keyword must stand alone, lead with a separator after it, or end a short label.
 */
export const SUMMARY_PATTERN =
  `^${S}*(本页|本月|本期|全行|全部|总)?${ZH_TOTAL}(${S}*[:：(（\\[【].*|${S}+.*)?$` +
  `|^${S}*${EN_TOTAL}(${S}*[:：(（].*)?$` +
  `|^.{1,20}${ZH_TOTAL_SUFFIX}${S}*[:：]?${S}*$` +
  `|^.{0,20}(行|部|区|处|所|点|中心|机构|全辖)${S}*汇${S}*总${S}*[:：]?${S}*$` +
  `|^[a-z][a-z .&'-]{0,30}${S}(sub${S}*-?${S}*)?total${S}*[:：]?${S}*$`;

/**
 * A cell that starts a note row: `注：`, `注1:`, `说明：`, `备注`, `数据来源：…`, `制表：…`,
 * `Note:`; only rows after the last customer count as notes (see {@link findLeftOutRows}).
 */
const NOTE_WORDS = ['注', '注释', '附注', '备注', '说明', '特别说明', '数据来源', '资料来源', '来源', '数据口径', '口径说明', '制表', '制表人', '制表日期', '编制', '编制人', '审核', '审核人', '复核', '复核人', '填表', '填表人', '填报', '填报人', '打印日期', '打印时间', 'notes?', 'source'];
/** Marks that start a numbered note (`注1：`, `※：`, `*：`). */
const NOTE_MARKS = ['注', '※', '\\*'];
export const NOTE_PATTERN =
  `^${S}*((${NOTE_WORDS.join('|')})${S}*(\\d+${S}*)?([:：、.].*)?` +
  `|(${NOTE_MARKS.join('|')})${S}*\\d*${S}*[:：、.].*)$`;
/** The characters a note can start with (after blanks): a cheap test before the pattern. */
const NOTE_FIRST = [...new Set([...NOTE_WORDS, ...NOTE_MARKS].map((w) => w.replace(/^\\/, '')[0]!))];

const summaryRe = new RegExp(SUMMARY_PATTERN, 's');
const noteRe = new RegExp(NOTE_PATTERN, 's');

/** Whether a cell's text marks a summary row (the TypeScript twin of the SQL test). */
export function isSummaryText(text: string | null | undefined): boolean {
  return text != null && summaryRe.test(text.trim().toLowerCase());
}

/** Whether a cell's text starts a note (the TypeScript twin of the SQL test). */
export function isNoteText(text: string | null | undefined): boolean {
  return text != null && noteRe.test(text.trim().toLowerCase());
}

/** SQL of the same tests; `e` is a VARCHAR expression. */
export function summarySql(e: string): string {
  // A cheap test first: most cells hold none of the keywords' characters ("total", in any case,
  // ends in al/AL/aL/Al); one pass of a character test costs a third of ILIKE '%total%'.
  // CASE, not AND: DuckDB evaluated the pattern on every row under AND (0.44 against 0.12 s).
  return `(CASE WHEN regexp_matches(${e}, '[计总]|[aA][lL]') THEN regexp_full_match(lower(trim(${e})), ${str(SUMMARY_PATTERN)}, 's') ELSE false END)`;
}
export function noteSql(e: string): string {
  // A cheap test first: a customer's first cell (an id, a name) seldom starts with those characters.
  const first = `left(ltrim(lower(${e}), ${str(S.slice(1, -1))}), 1)`;
  return `(CASE WHEN ${first} IN (${NOTE_FIRST.map(str).join(', ')}) THEN regexp_full_match(lower(trim(${e})), ${str(NOTE_PATTERN)}, 's') ELSE false END)`;
}

/** Leading columns looked at besides the mapped ones (a `序号` column often says `合计`). */
const LEADING = 3;
/** Rows from the end of a file first tested for a note (see findLeftOutRows). */
const NOTE_WINDOW = 4_096;
/** Leading columns in which a note's text is looked for (it sits in the first non-empty cell). */
const NOTE_LEADING = 6;
const TEXT_KINDS = new Set(['id', 'text', 'category']);

export function skipTable(id: string): string {
  return `skip_${id}`;
}

/** `WHERE` of the staging rows that are kept, or '' when none is left out. */
export function keptRowsSql(id: string, scan: LeftOutScan): string {
  return scan.skipped === 0 ? '' : `WHERE rowid NOT IN (SELECT rec FROM ${ident(skipTable(id))} WHERE NOT included)`;
}

/**
 * Finds the rows that are not customers into `skip_<id>` (rec, kind, text, sum_of, included):
 * - a summary: a cell of the id, a mapped text column or a leading column matches
 *   {@link SUMMARY_PATTERN}, and the id cell is empty or is that keyword;
 * - a summary by its amount: no id (or an id but no name), and an amount that equals the sum
 *   of the two or more customers above it since the previous summary, or of all customers above;
 * - a note: the first non-empty leading cell matches {@link NOTE_PATTERN}, after the last customer;
 * - no id: the customer id cell is empty (a wholly blank row is left out without a listing).
 * `include` are records the user took back in. One scan of the staging table for a clean file;
 * the running sums only when some row is a candidate for them.
 */
export async function findLeftOutRows(engine: Engine, staging: Staging, id: string, fullMapping: FieldMapping, include: readonly number[] = []): Promise<LeftOutScan> {
  const table = ident(staging.table);
  const out = ident(skipTable(id));
  const described = toRows(await engine.query(`DESCRIBE ${table}`)).map((d) => ({ name: String(d.column_name), type: String(d.column_type) }));
  // A lazily read Parquet file is looked at in the columns read at load (see deferred.ts).
  const mapping = Object.fromEntries(Object.entries(fullMapping).filter(([, c]) => described.some((d) => d.name === c))) as FieldMapping;
  const isText = (c: string) => described.find((d) => d.name === c)?.type === 'VARCHAR';
  const text = (c: string) => (isText(c) ? ident(c) : `CAST(${ident(c)} AS VARCHAR)`);
  const idColumn = mapping.customer_id;
  const nameColumn = mapping.customer_name;
  const mappedText = (Object.entries(mapping) as [FieldName, string][])
    .filter(([f]) => TEXT_KINDS.has(FIELDS.find((s) => s.field === f)?.kind ?? ''))
    .map(([, c]) => c);
  const leading = described.slice(0, LEADING).map((d) => d.name);
  const keywordColumns = [...new Set([...(idColumn ? [idColumn] : []), ...mappedText, ...leading])].filter((c) => isText(c) || c === idColumn);
  // The listed text of a row without an id: never a personal column (the page masks those).
  const personal = new Set((Object.entries(mapping) as [FieldName, string][]).filter(([f]) => FIELDS.find((x) => x.field === f)?.sensitivity === 'A').map(([, c]) => c));
  const noteColumns = [...new Set([...described.slice(0, NOTE_LEADING).map((d) => d.name), ...(idColumn ? [idColumn] : [])])].filter((c) => !personal.has(c));
  // Empty or spaces only (what trim() strips), without trimming every cell: a fifth of the cost.
  const empty = (e: string) => `(CASE WHEN ${e} IS NULL OR ${e} = '' THEN true WHEN starts_with(${e}, ' ') THEN trim(${e}) = '' ELSE false END)`;
  const idEmpty = idColumn ? empty(text(idColumn)) : 'false';
  const idOk = idColumn ? `(${idEmpty} OR ${summarySql(text(idColumn))})` : 'true';
  const summaryCell = keywordColumns.length
    ? `CASE WHEN ${idOk} THEN coalesce(${keywordColumns.map((c) => `CASE WHEN ${summarySql(text(c))} THEN trim(${text(c)}) END`).join(', ')}) END`
    : 'NULL';
  const firstCell = `coalesce(${noteColumns.map((c) => `nullif(trim(${text(c)}), '')`).join(', ')})`;
  const blank = `(coalesce(${described.map((d) => `nullif(trim(${text(d.name)}), '')`).join(', ')}) IS NULL)`;
  const amountColumn = amountOf(mapping);
  const amount = amountColumn === undefined ? 'NULL::DOUBLE' : isText(amountColumn) ? numberSql(ident(amountColumn)) : `TRY_CAST(${ident(amountColumn)} AS DOUBLE)`;
  // Rows without a name but with an id and an amount may be subtotals by their amount.
  const maybeSum =
    idColumn && nameColumn && amountColumn
      ? `(NOT ${idEmpty} AND ${empty(text(nameColumn))} AND ${empty(text(amountColumn))} = false)`
      : 'false';

  // Summaries and rows without an id, in one scan; a row's first cell (its listed text) is made
  // only for the rows kept: made for every row, it was half the scan's time.
  await engine.query(
    `CREATE OR REPLACE TABLE ${out} AS
     SELECT __tl_rec AS rec, CASE WHEN __tl_summary IS NOT NULL THEN 'summary' WHEN __tl_no_id THEN 'no-id' END AS kind,
       coalesce(__tl_summary, ${firstCell}) AS text, NULL::VARCHAR AS note, __tl_blank AS blank, __tl_maybe_sum AS maybe_sum, NULL::INTEGER AS sum_of, false AS included
     FROM (SELECT *, rowid AS __tl_rec, ${summaryCell} AS __tl_summary, ${idEmpty} AS __tl_no_id, CASE WHEN ${idEmpty} THEN ${blank} ELSE false END AS __tl_blank, ${maybeSum} AS __tl_maybe_sum FROM ${table})
     WHERE __tl_summary IS NOT NULL OR __tl_no_id OR __tl_maybe_sum`,
  );
  const rows = Number(toRows(await engine.query(`SELECT count(*)::BIGINT AS n FROM ${table}`))[0]?.n ?? 0);
  // Notes count only in the file's trailing run of rows that are not customers, so only the last
  // rows are tested for one: a window from the end, widened while the run fills it.
  const notes = ident(`${skipTable(id)}_notes`);
  try {
    for (let window = NOTE_WINDOW, to = rows; ; window *= 8) {
      const from = Math.max(0, rows - window);
      await engine.query(
        `CREATE OR REPLACE TEMP TABLE ${notes} AS SELECT rec, note FROM (SELECT rowid AS rec, ${firstCell} AS note FROM ${table} WHERE rowid >= ${num(from)} AND rowid < ${num(to)}) WHERE ${noteSql('note')}`,
      );
      await engine.query(`UPDATE ${out} SET note = n.note FROM ${notes} n WHERE ${out}.rec = n.rec`);
      await engine.query(`INSERT INTO ${out} SELECT rec, NULL, NULL, note, false, false, NULL, false FROM ${notes} WHERE rec NOT IN (SELECT rec FROM ${out})`);
      if (from === 0) break;
      to = from;
      // Every row of the window left out (or a note): the run may go on above it.
      const run = toRows(await engine.query(`SELECT count(*)::BIGINT AS n FROM ${out} WHERE rec >= ${num(from)} AND (kind IS NOT NULL OR note IS NOT NULL OR blank)`))[0]?.n;
      if (Number(run ?? 0) < rows - from) break;
    }
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${notes}`);
  }
  // Notes count only after the last customer: the trailing run of recognized rows ends the file.
  await engine.query(
    `UPDATE ${out} SET kind = 'note', text = note FROM (
       SELECT rec AS r FROM (SELECT rec, row_number() OVER (ORDER BY rec DESC) AS k FROM ${out} WHERE kind IS NOT NULL OR note IS NOT NULL OR blank)
       WHERE rec = ${num(rows)} - k) t
     WHERE rec = t.r AND note IS NOT NULL`,
  );
  if (amountColumn !== undefined && toRows(await engine.query(`SELECT count(*)::INTEGER AS n FROM ${out} WHERE (kind = 'no-id' AND NOT blank) OR (kind IS NULL AND maybe_sum)`))[0]?.n) {
    // Twice: a subtotal found by its amount is no customer in the grand total's sum below it.
    if ((await markSums(engine, table, out, amount)) > 0) await markSums(engine, table, out, amount);
  }
  await engine.query(`DELETE FROM ${out} WHERE kind IS NULL`);
  if (include.length > 0) await engine.query(`UPDATE ${out} SET included = true WHERE rec IN (${include.map((r) => num(Math.trunc(r))).join(', ')})`);

  const counts = toRows(
    await engine.query(`SELECT count(*) FILTER (WHERE NOT blank)::INTEGER AS listed, count(*) FILTER (WHERE NOT included)::INTEGER AS skipped FROM ${out}`),
  )[0]!;
  const listed = toRows(
    await engine.query(
      `SELECT rec::BIGINT AS rec, kind, text, sum_of, included FROM ${out} WHERE NOT blank
       ORDER BY rec LIMIT ${LEFT_OUT_LIMIT}`,
    ),
  );
  const taken = include.length
    ? toRows(await engine.query(`SELECT rec::BIGINT AS rec, kind, text, sum_of, included FROM ${out} WHERE included AND NOT blank ORDER BY rec`))
    : [];
  const seen = new Set<number>();
  const list: LeftOutRow[] = [];
  for (const r of [...listed, ...taken]) {
    const rec = Number(r.rec);
    if (seen.has(rec)) continue;
    seen.add(rec);
    list.push({
      rec,
      line: staging.lineOf(rec),
      kind: r.kind as LeftOutKind,
      text: r.text == null ? undefined : String(r.text).slice(0, 200),
      sumOf: r.sum_of == null ? undefined : Number(r.sum_of),
      included: Boolean(r.included),
    });
  }
  list.sort((a, b) => a.rec - b.rec);
  return { rows: list, count: Number(counts.listed ?? 0), skipped: Number(counts.skipped ?? 0) };
}

/** The amount a summary's sum is checked on: `aum`, else the first mapped amount field. */
function amountOf(mapping: FieldMapping): string | undefined {
  if (mapping.aum) return mapping.aum;
  for (const spec of FIELDS) if (spec.kind === 'amount' && mapping[spec.field]) return mapping[spec.field];
  return undefined;
}

/**
 * Marks as summaries the candidates whose amount equals the sum of the customers above them
 * since the previous summary (or row without an id), or of every customer above: two or more
 * of them, and not zero (two customers with nothing, then a third, is no subtotal).
 */
async function markSums(engine: Engine, table: string, out: string, amount: string): Promise<number> {
  const before = toRows(await engine.query(`SELECT count(*)::INTEGER AS n FROM ${out} WHERE sum_of IS NOT NULL`))[0]?.n;
  await engine.query(
    `UPDATE ${out} SET kind = 'summary', sum_of = m.n FROM (
       WITH b AS (
         SELECT s.rowid AS rec, ${amount} AS amt, o.kind IS NOT NULL AS cand,
           coalesce(o.kind IN ('summary', 'no-id') AND NOT o.blank, false) AS brk,
           coalesce((o.kind = 'no-id' AND NOT o.blank) OR (o.kind IS NULL AND o.maybe_sum), false) AS test
         FROM ${table} s LEFT JOIN ${out} o ON o.rec = s.rowid),
       g AS (
         SELECT *, coalesce(sum(brk::INTEGER) OVER (ORDER BY rec ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS seg,
           sum(CASE WHEN NOT cand THEN amt END) OVER (ORDER BY rec ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS all_sum,
           count(CASE WHEN NOT cand THEN amt END) OVER (ORDER BY rec ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS all_n
         FROM b),
       h AS (
         SELECT *, sum(CASE WHEN NOT cand THEN amt END) OVER (PARTITION BY seg ORDER BY rec ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS seg_sum,
           count(CASE WHEN NOT cand THEN amt END) OVER (PARTITION BY seg ORDER BY rec ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS seg_n
         FROM g)
       SELECT rec AS r, CASE WHEN seg_n >= 2 AND abs(amt - seg_sum) < 0.005 THEN seg_n ELSE all_n END::INTEGER AS n
       FROM h
       WHERE test AND amt IS NOT NULL AND amt <> 0
         AND ((seg_n >= 2 AND abs(amt - seg_sum) < 0.005) OR (all_n >= 2 AND abs(amt - all_sum) < 0.005))) m
     WHERE rec = m.r`,
  );
  const after = toRows(await engine.query(`SELECT count(*)::INTEGER AS n FROM ${out} WHERE sum_of IS NOT NULL`))[0]?.n;
  return Number(after ?? 0) - Number(before ?? 0);
}
