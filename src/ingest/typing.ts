import type { Engine } from '../engine/types';
import { toRows } from '../engine/rows';
import { ident } from '../sql/quote';
import type { FieldMapping } from './mapping';
import { PROBLEM_LIMIT, type ColumnReport, type Problem } from './report';
import type { Staging } from './staging';
import { dropRelation } from './load';
import { dateSql, flagSql, isMissingSql, monthSql, numberSql } from './values-sql';
import { fieldByName, type FieldName } from './vocabulary';

type TargetType = ColumnReport['type'];

/** Rows looked at to decide an unmapped column's type; every row is still parsed and checked. */
const SAMPLE_ROWS = 20_000;
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
export async function typeStaging(engine: Engine, staging: Staging, file: string, mapping: FieldMapping, id: string): Promise<TypedFile> {
  const described = toRows(await engine.query(`DESCRIBE ${ident(staging.table)}`));
  const fieldOf = new Map<string, FieldName>(Object.entries(mapping).map(([f, c]) => [c as string, f as FieldName]));
  const columns = described.map((d) => ({ name: String(d.column_name), sqlType: String(d.column_type), field: fieldOf.get(String(d.column_name)) }));

  // Text formats hold every value as text; Parquet/Arrow text columns are text on purpose and
  // are only parsed when mapped to a numeric, date or flag field.
  const fromText = staging.format !== 'parquet' && staging.format !== 'arrow';
  // Content statistics are needed only where the type is not already decided by the field.
  const decided = (c: { field?: FieldName }) => c.field !== undefined && fieldByName(c.field).kind !== 'period';
  const textColumns = columns.filter((c) => c.sqlType === 'VARCHAR' && fromText && !decided(c));
  const shares = await sampleShares(engine, staging.table, textColumns.map((c) => c.name));
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
    await engine.query(`CREATE VIEW ${ident(table)} AS SELECT rowid AS __rec, * FROM ${ident(staging.table)}`);
  } else {
    // One pass: each converted column, plus `__bad_<i>` holding the original text of cells that
    // were neither a value nor a missing token (NULL otherwise), so counting and listing the
    // problems needs no join back to the staging table.
    const inner = columns.map((c, i) => `${convert(ident(c.name), targets[i]!)} AS ${ident(c.name)}`);
    const raws = parsed.map(({ name, i }) => `${ident(name)} AS ${ident(`__raw_${i}`)}`);
    const bads = parsed.map(({ name, i }) => `CASE WHEN ${ident(name)} IS NULL AND NOT ${isMissingSql(ident(`__raw_${i}`))} THEN ${ident(`__raw_${i}`)} END AS ${ident(`__bad_${i}`)}`);
    await engine.query(
      `CREATE TABLE ${ident(table)} AS SELECT __rec, ${columns.map((c) => ident(c.name)).join(', ')}${bads.map((b) => `, ${b}`).join('')}
       FROM (SELECT rowid AS __rec, ${[...inner, ...raws].join(', ')} FROM ${ident(staging.table)})`,
    );
  }

  const counts = toRows(
    await engine.query(
      `SELECT count(*)::INTEGER AS __rows ${columns.map((c, i) => `, (count(*) - count(${ident(c.name)}))::INTEGER AS ${ident(`n${i}`)}`).join('')}
       ${parsed.map(({ i }) => `, count(${ident(`__bad_${i}`)})::INTEGER AS ${ident(`bad${i}`)}`).join('')}
       FROM ${ident(table)}`,
    ),
  )[0]!;

  const problems: Problem[] = [...staging.problems];
  let problemCount = staging.problems.length;
  const reports: ColumnReport[] = [];
  for (const [i, c] of columns.entries()) {
    const invalid = Number(counts[`bad${i}`] ?? 0);
    reports.push({ name: c.name, field: c.field, type: targets[i]!, sqlType: c.sqlType, nulls: Number(counts[`n${i}`] ?? 0) - invalid, invalid });
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
      problems.push({
        severity: 'warning',
        file,
        line,
        column: c.name,
        value: String(ex.value),
        message: `${line === undefined ? `row ${rec + 1}: ` : ''}not a ${targetNoun(targets[i]!)}; left empty (not 0)`,
      });
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
}

async function sampleShares(engine: Engine, table: string, names: readonly string[]): Promise<Map<string, Shares>> {
  if (names.length === 0) return new Map();
  const aggs = names.flatMap((n, i) => {
    const c = ident(n);
    return [
      `count(*) FILTER (WHERE NOT ${isMissingSql(c)})::INTEGER AS ${ident(`m${i}`)}`,
      `count(${numberSql(c)})::INTEGER AS ${ident(`n${i}`)}`,
      `count(${dateSql(c)})::INTEGER AS ${ident(`d${i}`)}`,
      `count(${monthSql(c)})::INTEGER AS ${ident(`p${i}`)}`,
      // 007 or 0012345 are codes, not numbers: keep them as text.
      `count(*) FILTER (WHERE regexp_matches(${c}, '^\\s*0[0-9]'))::INTEGER AS ${ident(`z${i}`)}`,
    ];
  });
  const row = toRows(await engine.query(`SELECT ${aggs.join(', ')} FROM (SELECT * FROM ${ident(table)} LIMIT ${SAMPLE_ROWS})`))[0] ?? {};
  return new Map(
    names.map((n, i) => [
      n,
      {
        nonMissing: Number(row[`m${i}`] ?? 0),
        number: Number(row[`n${i}`] ?? 0),
        date: Number(row[`d${i}`] ?? 0),
        month: Number(row[`p${i}`] ?? 0),
        leadingZero: Number(row[`z${i}`] ?? 0),
      },
    ]),
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
        return 'date';
      case 'flag':
        return 'flag';
      case 'period':
        return all(s?.date ?? -1) ? 'date' : all(s?.month ?? -1) ? 'month' : 'text';
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

function convert(col: string, type: TargetType): string {
  switch (type) {
    case 'number':
      return numberSql(col);
    case 'date':
      return dateSql(col);
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

function targetNoun(type: TargetType): string {
  return { number: 'number', date: 'date', month: 'month (YYYY-MM)', flag: 'yes/no value', text: 'text', native: 'value' }[type];
}
