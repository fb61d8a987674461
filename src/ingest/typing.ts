import type { Engine } from '../engine/types';
import { toRows } from '../engine/rows';
import { ident } from '../sql/quote';
import type { FieldMapping } from './mapping';
import { PROBLEM_LIMIT, problem, type ColumnReport, type Problem } from './report';
import type { MessageKey } from '../i18n/messages';
import type { Staging } from './staging';
import { dropRelation } from './load';
import { dateSql, fastPathSql, flagSql, isMissingSql, monthSql, numberSql, type FastPathType } from './values-sql';
import { parseDateText, parseMonthText, parseNumberText } from './values';
import { fieldByName, type FieldName } from './vocabulary';

/** Column types, plus how dates are read: with Excel serials, or periods normalised to months. */
type TargetType = ColumnReport['type'] | 'excel-date' | 'month-mixed';

/** Rows looked at to decide an unmapped column's type; every row is still parsed and checked. */
const SAMPLE_ROWS = 5_000;
/** Converted columns per statement (see typeStaging). */
const COLUMNS_PER_STATEMENT = 24;
/** An unmapped text column becomes numeric when this share of its cells read as numbers. */
const NUMERIC_SHARE = 0.95;

export interface TypedFile {
  readonly table: string;
  readonly rows: number;
  readonly columns: readonly ColumnReport[];
  readonly problems: readonly Problem[];
  readonly problemCount: number;
}

/**
 * Staging → typed table. Text columns are parsed with the shared parsers; mapped columns take
 * the type their field needs (an `aum` column is numeric even if half its cells are junk, and
 * the junk is listed), unmapped ones the type their content shows. Nothing unreadable becomes 0.
 */
export async function typeStaging(engine: Engine, staging: Staging, file: string, mapping: FieldMapping, id: string, kept = ''): Promise<TypedFile> {
  const described = toRows(await engine.query(`DESCRIBE ${ident(staging.table)}`));
  const fieldOf = new Map<string, FieldName>(Object.entries(mapping).map(([f, c]) => [c as string, f as FieldName]));
  const columns = described.map((d) => ({ name: String(d.column_name), sqlType: String(d.column_type), field: fieldOf.get(String(d.column_name)) }));

  // Text formats hold every value as text; Parquet/Arrow text columns are text on purpose and
  // are only parsed when mapped to a numeric, date or flag field.
  const fromText = staging.format !== 'parquet' && staging.format !== 'arrow';
  // Content statistics are needed only where the type is not already decided by the field.
  const decided = (c: { field?: FieldName }) => c.field !== undefined && fieldByName(c.field).kind !== 'period';
  const textColumns = columns.filter((c) => c.sqlType === 'VARCHAR' && fromText && !decided(c));
  const shares = await sampleShares(engine, staging.table, textColumns.map((c) => c.name), kept);
  const targets = columns.map((c): TargetType => {
    if (c.sqlType !== 'VARCHAR') return 'native';
    const chosen = chooseType(c.field, shares.get(c.name));
    return !fromText && chosen === 'text' ? 'native' : chosen;
  });

  const table = `src_${id}`;
  // A re-map may turn the table into a view or back: start clean.
  await dropRelation(engine, table);
  const parsed = columns.map((c, i) => ({ ...c, i })).filter(({ i }) => targets[i] !== 'native' && targets[i] !== 'text');
  if (targets.every((t) => t === 'native')) {
    // Nothing to convert: a view, not a copy (a 1M-row Parquet stays one table in memory).
    await engine.query(`CREATE VIEW ${ident(table)} AS SELECT rowid AS __rec, * FROM ${ident(staging.table)} ${kept}`);
  } else {
    // Each converted column, plus `__bad_<i>` holding the original text of cells that were
    // neither a value nor a missing token (NULL otherwise), so counting and listing the problems
    // reads the typed table alone. Columns go in batches (a 200-column file would
    // otherwise be one statement too large to plan), glued back by position: every batch is
    // one scan of the same staging table, in the same order.
    const batches: number[][] = [];
    columns.forEach((_c, i) => {
      if (batches.length === 0 || batches.at(-1)!.length >= COLUMNS_PER_STATEMENT) batches.push([]);
      batches.at(-1)!.push(i);
    });
    const parts: string[] = [];
    for (const [b, batch] of batches.entries()) {
      const mine = parsed.filter(({ i }) => batch.includes(i));
      // Types with a fast path are converted in two steps: the fast path over every cell, then
      // the full grammar over the cells it left empty only. The full grammar binds values with
      // lambdas, which DuckDB pays for on every chunk of a projection even when no row of the
      // chunk reaches them: one pass would cost ~1 µs a cell in WASM for plain numbers too.
      const deferred = mine.filter(({ i }) => hasFastPath(targets[i]!));
      const inner = batch.map((i) => {
        const col = ident(columns[i]!.name);
        const target = targets[i]!;
        return `${hasFastPath(target) ? fastPathSql(col, target) : convert(col, target)} AS ${col}`;
      });
      // A cell's original text when it converted to nothing and was not a missing token.
      const badOf = (value: string, raw: string) => `CASE WHEN ${value} IS NULL AND NOT ${isMissingSql(raw)} THEN ${raw} END`;
      const part = batches.length === 1 ? table : `${table}__part${b}`;
      if (deferred.length === 0) {
        // One statement: values and problem text from the same scan.
        const raws = mine.map(({ name, i }) => `${ident(name)} AS ${ident(`__raw_${i}`)}`);
        const bads = mine.map(({ name, i }) => `, ${badOf(ident(name), ident(`__raw_${i}`))} AS ${ident(`__bad_${i}`)}`);
        const scan = `SELECT rowid AS __rec, ${[...inner, ...raws].join(', ')} FROM ${ident(staging.table)} ${kept}`;
        await engine.query(`CREATE TABLE ${ident(part)} AS SELECT ${b === 0 ? '__rec, ' : ''}${batch.map((i) => ident(columns[i]!.name)).join(', ')}${bads.join('')} FROM (${scan})`);
      } else {
        // The fast path's values only; the original text of the cells it left empty comes back
        // from the staging table by row id into a small side table, so no cell's text is copied
        // whole (copying it cost about 0.4–1 s of a 1M-row CSV's 2–3 s here). The slow cells and
        // the problem columns are then filled in place, on the rows left empty only.
        await engine.query(`CREATE TABLE ${ident(part)} AS SELECT rowid AS __rec, ${inner.join(', ')} FROM ${ident(staging.table)} ${kept}`);
        // The side table holds a cell's text only where the fast path left it empty, so a
        // non-NULL `__raw_<i>` alone marks the cells still to convert or to report.
        const fix = `${table}__fix${b}`;
        const t = ident(part);
        const emptyCell = ({ name }: { name: string }) => `(p.${ident(name)} IS NULL AND g.${ident(name)} IS NOT NULL)`;
        await engine.query(
          `CREATE TABLE ${ident(fix)} AS SELECT p.__rec, ${mine.map((c) => `CASE WHEN ${emptyCell(c)} THEN g.${ident(c.name)} END AS ${ident(`__raw_${c.i}`)}`).join(', ')}
           FROM ${t} p JOIN ${ident(staging.table)} g ON p.__rec = g.rowid WHERE ${mine.map(emptyCell).join(' OR ')}`,
        );
        try {
          const raw = (i: number) => `f.${ident(`__raw_${i}`)}`;
          const sets = deferred.map((c) => `${ident(c.name)} = CASE WHEN ${raw(c.i)} IS NOT NULL THEN ${convert(raw(c.i), targets[c.i]!)} ELSE ${t}.${ident(c.name)} END`);
          await engine.query(`UPDATE ${t} SET ${sets.join(', ')} FROM ${ident(fix)} f WHERE ${t}.__rec = f.__rec`);
          for (const { i } of mine) await engine.query(`ALTER TABLE ${t} ADD COLUMN ${ident(`__bad_${i}`)} VARCHAR`);
          const badSets = mine.map(({ name, i }) => `${ident(`__bad_${i}`)} = ${badOf(`${t}.${ident(name)}`, raw(i))}`);
          await engine.query(`UPDATE ${t} SET ${badSets.join(', ')} FROM ${ident(fix)} f WHERE ${t}.__rec = f.__rec`);
        } finally {
          await engine.query(`DROP TABLE IF EXISTS ${ident(fix)}`);
        }
        if (b > 0) await engine.query(`ALTER TABLE ${t} DROP COLUMN __rec`);
      }
      parts.push(part);
    }
    if (parts.length > 1) {
      await engine.query(`CREATE TABLE ${ident(table)} AS SELECT * FROM ${parts.map(ident).join(' POSITIONAL JOIN ')}`);
      for (const part of parts) await engine.query(`DROP TABLE ${ident(part)}`);
    }
  }

  const counts = toRows(
    await engine.query(
      `SELECT count(*)::INTEGER AS __rows ${columns.map((c, i) => `, (count(*) - count(${ident(c.name)}))::INTEGER AS ${ident(`n${i}`)}`).join('')}
       ${parsed.map(({ i }) => `, count(${ident(`__bad_${i}`)})::INTEGER AS ${ident(`bad${i}`)}`).join('')}
       FROM ${ident(table)}`,
    ),
  )[0]!;

  const problems: Problem[] = [...staging.problems, ...structureWarnings(file, columns)];
  let problemCount = problems.length + (staging.unlisted ?? 0);
  const reports: ColumnReport[] = [];
  for (const [i, c] of columns.entries()) {
    const invalid = Number(counts[`bad${i}`] ?? 0);
    const target = targets[i]!;
    const type: ColumnReport['type'] = target === 'excel-date' ? 'date' : target === 'month-mixed' ? 'month' : target;
    reports.push({ name: c.name, field: c.field, type, sqlType: c.sqlType, nulls: Number(counts[`n${i}`] ?? 0) - invalid, invalid });
    const share = shares.get(c.name);
    if (target === 'excel-date' && share && share.serial > 0) {
      problems.push(problem({ severity: 'warning', file, column: c.name }, 'excelSerialDates'));
      problemCount++;
    }
    if (target === 'month-mixed') {
      problems.push(problem({ severity: 'warning', file, column: c.name }, 'periodMixed'));
      problemCount++;
    }
    if (invalid === 0) continue;
    problemCount += invalid;
    const examples = toRows(
      await engine.query(
        `SELECT __rec::INTEGER AS rec, ${ident(`__bad_${i}`)} AS value FROM ${ident(table)}
         WHERE ${ident(`__bad_${i}`)} IS NOT NULL ORDER BY __rec LIMIT ${PROBLEM_LIMIT}`,
      ),
    );
    for (const ex of examples) {
      const rec = Number(ex.rec);
      const line = staging.lineOf(rec);
      problems.push(problem({ severity: 'warning', file, line, column: c.name, value: String(ex.value) }, notTypeCode(targets[i]!), { rec: line === undefined ? rec + 1 : 0 }));
    }
  }
  return { table, rows: Number(counts.__rows ?? 0), columns: reports, problems, problemCount };
}

interface Shares {
  readonly nonMissing: number;
  readonly number: number;
  readonly date: number;
  readonly month: number;
  readonly leadingZero: number;
  /** Excel serial day numbers (read as dates only in date columns). */
  readonly serial: number;
  /** Values that are a date (serials included) or a month. */
  readonly dateOrMonth: number;
}

/**
 * Reads a sample of the text columns and classifies it in TypeScript with the reference parsers
 * (which the SQL twins match): one small query however many columns the file has.
 */
async function sampleShares(engine: Engine, table: string, names: readonly string[], kept: string): Promise<Map<string, Shares>> {
  if (names.length === 0) return new Map();
  const sample = await engine.query(`SELECT ${names.map((n) => ident(n)).join(', ')} FROM ${ident(table)} ${kept} LIMIT ${SAMPLE_ROWS}`);
  return new Map(
    names.map((n, i) => {
      const col = sample.getChildAt(i);
      const s = { nonMissing: 0, number: 0, date: 0, month: 0, leadingZero: 0, serial: 0, dateOrMonth: 0 };
      for (let r = 0; r < sample.numRows; r++) {
        const v = col?.get(r) as string | null;
        if (parseNumberText(v).kind === 'missing') continue;
        s.nonMissing++;
        if (parseNumberText(v).kind === 'value') s.number++;
        if (parseDateText(v).kind === 'value') s.date++;
        if (parseMonthText(v).kind === 'value') s.month++;
        const serial = parseDateText(v).kind !== 'value' && parseDateText(v, { serial: true }).kind === 'value';
        if (serial) s.serial++;
        if (parseDateText(v, { serial: true }).kind === 'value' || parseMonthText(v).kind === 'value') s.dateOrMonth++;
        // 007 or 0012345 are codes, not numbers: keep them as text.
        if (v !== null && /^\s*0[0-9]/.test(v)) s.leadingZero++;
      }
      return [n, s];
    }),
  );
}

/** The type a text column gets: from its field when mapped, from its content otherwise. */
export function chooseType(field: FieldName | undefined, s: Shares | undefined): TargetType {
  const all = (k: number) => s !== undefined && s.nonMissing > 0 && k === s.nonMissing;
  if (field !== undefined) {
    switch (fieldByName(field).kind) {
      case 'amount':
      case 'number':
        return 'number';
      case 'date':
        return 'excel-date';
      case 'flag':
        return 'flag';
      case 'period':
        if (all((s?.date ?? -1) + (s?.serial ?? 0))) return 'excel-date';
        if (all(s?.month ?? -1)) return 'month';
        // Dates and months mixed (2025-01-31, 2025-02, 202503): one period per month.
        return all(s?.dateOrMonth ?? -1) ? 'month-mixed' : 'text';
      default:
        return 'text';
    }
  }
  if (!s || s.nonMissing === 0) return 'text';
  if (all(s.date) && !all(s.number)) return 'date';
  if (s.leadingZero > 0) return 'text';
  if (s.number >= NUMERIC_SHARE * s.nonMissing) return 'number';
  return 'text';
}

/** Target types whose conversion has a fast path (`fastPathSql`). */
function hasFastPath(type: TargetType): type is FastPathType {
  return type === 'number' || type === 'date' || type === 'excel-date' || type === 'flag';
}

function convert(col: string, type: TargetType): string {
  switch (type) {
    case 'number':
      return numberSql(col);
    case 'date':
      return dateSql(col);
    case 'excel-date':
      return dateSql(col, { serial: true });
    case 'month-mixed':
      return `coalesce(${monthSql(col)}, strftime(${dateSql(col, { serial: true })}, '%Y-%m'))`;
    case 'month':
      return monthSql(col);
    case 'flag':
      return flagSql(col);
    case 'text':
      // Trimmed, and an empty cell is no value. Other tokens stay: '-' may be a real code.
      return `nullif(trim(${col}), '')`;
    case 'native':
      return col;
  }
}

/** The message of a cell that is not of its column's type (`rec` names the row where no line is known). */
function notTypeCode(type: TargetType): MessageKey {
  const codes: Record<TargetType, MessageKey> = {
    number: 'cellNotNumber',
    date: 'cellNotDate',
    'excel-date': 'cellNotDate',
    month: 'cellNotMonth',
    'month-mixed': 'cellNotDateOrMonth',
    flag: 'cellNotFlag',
    text: 'cellNotText',
    native: 'cellNotValue',
  };
  return codes[type];
}

/**
 * Things about the columns a user should know although nothing failed: a repeated header (the
 * reader renamed the second one, which then maps to nothing) and nested Parquet values.
 */
function structureWarnings(file: string, columns: readonly { name: string; sqlType: string }[]): Problem[] {
  const names = new Set(columns.map((c) => c.name));
  const out: Problem[] = [];
  for (const c of columns) {
    const m = /^(.*)_(\d+)$/.exec(c.name);
    if (m && names.has(m[1]!)) out.push(problem({ severity: 'warning', file, line: 1, column: c.name }, 'duplicateHeader', { header: m[1]!, renamed: c.name }));
    if (/^(STRUCT|MAP)\(|\[\]$|^UNION\(/.test(c.sqlType)) out.push(problem({ severity: 'warning', file, column: c.name }, 'nestedColumn', { type: c.sqlType.length > 60 ? `${c.sqlType.slice(0, 60)}…` : c.sqlType }));
  }
  return out;
}
