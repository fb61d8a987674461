import type { Engine } from '../engine/types';
import { toRows } from '../engine/rows';
import { ident } from '../sql/quote';
import type { FieldMapping } from './mapping';
import { PROBLEM_LIMIT, type ColumnReport, type Problem } from './report';
import type { Staging } from './staging';
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

  const textColumns = columns.filter((c) => c.sqlType === 'VARCHAR');
  const shares = await sampleShares(engine, staging.table, textColumns.map((c) => c.name));
  const targets = columns.map((c): TargetType => {
    if (c.sqlType !== 'VARCHAR') return 'native';
    return chooseType(c.field, shares.get(c.name));
  });

  const table = `src_${id}`;
  const selects = columns.map((c, i) => `${convert(ident(c.name), targets[i]!)} AS ${ident(c.name)}`);
  await engine.query(`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT rowid AS __rec, ${selects.join(', ')} FROM ${ident(staging.table)} ORDER BY rowid`);

  // Missing vs invalid: count non-missing cells in the source and non-null values in the result.
  const parsed = columns.filter((_c, i) => targets[i] !== 'native' && targets[i] !== 'text');
  const counts = toRows(
    await engine.query(
      `SELECT count(*)::INTEGER AS __rows ${columns.map((c, i) => `, count(*) FILTER (WHERE t.${ident(c.name)} IS NULL)::INTEGER AS ${ident(`n${i}`)}`).join('')}
       ${parsed.map((c) => `, count(*) FILTER (WHERE t.${ident(c.name)} IS NULL AND NOT ${isMissingSql(`s.${ident(c.name)}`)})::INTEGER AS ${ident(`bad_${c.name}`)}`).join('')}
       FROM ${ident(table)} t ${parsed.length > 0 ? `JOIN ${ident(staging.table)} s ON s.rowid = t.__rec` : ''}`,
    ),
  )[0]!;

  const problems: Problem[] = [...staging.problems];
  let problemCount = staging.problems.length;
  const reports: ColumnReport[] = [];
  for (const [i, c] of columns.entries()) {
    const invalid = Number(counts[`bad_${c.name}`] ?? 0);
    reports.push({ name: c.name, field: c.field, type: targets[i]!, sqlType: c.sqlType, nulls: Number(counts[`n${i}`] ?? 0) - invalid, invalid });
    if (invalid === 0) continue;
    problemCount += invalid;
    const examples = toRows(
      await engine.query(
        `SELECT t.__rec::INTEGER AS rec, s.${ident(c.name)} AS value FROM ${ident(table)} t JOIN ${ident(staging.table)} s ON s.rowid = t.__rec
         WHERE t.${ident(c.name)} IS NULL AND NOT ${isMissingSql(`s.${ident(c.name)}`)} ORDER BY t.__rec LIMIT ${PROBLEM_LIMIT}`,
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
