/**
 * Column mapping: which file column feeds which canonical field (vocabulary.ts).
 *
 * Pure functions. `autoMap` proposes a mapping from the headers alone; `applyOverrides` lays
 * the user's choices (`--map field=column` on the command line, the mapping panel in the UI)
 * on top; `missingFields` says what a scheme still lacks.
 */

import { FIELDS, isFieldName, type FieldName } from './vocabulary';

/** field → the header (exactly as in the file) that feeds it. */
export type FieldMapping = Partial<Record<FieldName, string>>;

export interface MappingConflict {
  readonly field: FieldName;
  /** Every header that matched `field`, in column order; `headers[0]` is the one used. */
  readonly headers: readonly string[];
}

export interface MappingResult {
  readonly mapping: FieldMapping;
  /** Headers that matched no field, in column order. */
  readonly unmapped: readonly string[];
  /** Fields that several headers matched, in order of the first such header. */
  readonly conflicts: readonly MappingConflict[];
}

// Full-width brackets are not listed: NFKC has already turned （）［］｛｝ into ASCII.
const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|\{[^{}]*\}|【[^【】]*】|〔[^〔〕]*〕|〖[^〖〗]*〗/g;
const STRAY_BRACKET = /[()[\]{}【】〔〕〖〗]/g;
// \s covers ASCII and Unicode spaces, U+3000 and the BOM that often sticks to a CSV's first
// header; zero-width characters are not whitespace to JS, so they are listed.
const SPACE_AND_SEPARATORS = /[\s\u200B-\u200D\u2060_.-]/g;

/**
 * The form in which headers and aliases are compared. In order:
 * 1. Unicode NFKC, so full-width letters, digits, brackets and spaces become ASCII
 *    (`ＡＵＭ` → `AUM`, `（元）` → `(元)`);
 * 2. every bracketed part is removed with its brackets — `()`, `[]`, `{}`, `【】`, `〔〕`, `〖〗`,
 *    innermost first, so nesting works (`存款余额（元）`, `贷款余额[万元]`, `成本比例(%)`,
 *    `存期（月）` all lose their unit); a bracket left without its partner is dropped alone;
 * 3. lower-case;
 * 4. all whitespace (including the BOM and zero-width characters) and the separators `_`, `-`,
 *    `.` are removed, so `Cust_ID`, `cust id` and `CUST-ID` all become `custid`.
 * A unit outside brackets is kept (`贷款余额万元` stays as is): without brackets it may be part
 * of the name. The result may be empty (e.g. for `(元)`); no alias normalizes to empty.
 */
export function normalizeHeader(h: string): string {
  let s = h.normalize('NFKC');
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(BRACKETED, '');
  }
  return s.replace(STRAY_BRACKET, '').toLowerCase().replace(SPACE_AND_SEPARATORS, '');
}

/** normalized alias → field. Built once; a shared alias is a vocabulary bug, so fail loudly. */
const ALIAS_INDEX: ReadonlyMap<string, FieldName> = (() => {
  const index = new Map<string, FieldName>();
  for (const spec of FIELDS) {
    for (const alias of spec.aliases) {
      const key = normalizeHeader(alias);
      const owner = index.get(key);
      if (key === '' || (owner !== undefined && owner !== spec.field)) {
        throw new Error(
          `vocabulary: alias ${JSON.stringify(alias)} of ${spec.field} ` +
            (key === '' ? 'normalizes to nothing' : `collides with an alias of ${owner}`),
        );
      }
      index.set(key, spec.field);
    }
  }
  return index;
})();

/** The field a header maps to automatically, if any. */
export function fieldForHeader(header: string): FieldName | undefined {
  return ALIAS_INDEX.get(normalizeHeader(header));
}

/**
 * Maps headers to fields by alias: a header maps to a field when its normalized form equals a
 * normalized alias of that field. Each header maps to at most one field (aliases are unique).
 * When several headers match one field, the first in column order is used and the field is
 * listed in `conflicts` with all of them.
 */
/** Each mapped column's field: the mapping read the other way. */
export function fieldsByColumn(mapping: FieldMapping): Map<string, FieldName> {
  return new Map(Object.entries(mapping).map(([field, column]) => [column as string, field as FieldName]));
}

export function autoMap(headers: readonly string[]): MappingResult {
  const mapping: FieldMapping = {};
  const unmapped: string[] = [];
  const matched = new Map<FieldName, string[]>();
  for (const header of headers) {
    const field = fieldForHeader(header);
    if (field === undefined) {
      unmapped.push(header);
      continue;
    }
    const list = matched.get(field);
    if (list) list.push(header);
    else {
      matched.set(field, [header]);
      mapping[field] = header;
    }
  }
  const conflicts = [...matched]
    .filter(([, hs]) => hs.length > 1)
    .map(([field, hs]) => ({ field, headers: hs }));
  return { mapping, unmapped, conflicts };
}

/**
 * Lays user overrides (`field → column`, as `--map field=column`) over an automatic mapping.
 * The result is what `autoMap` would give if the user's columns had never been candidates for
 * any other field and the user's fields had no candidates of their own:
 * - each named field takes its column, and its conflict (if any) is settled;
 * - a column the user assigned is taken away from any field it was auto-mapped to; that field
 *   falls back to its next conflicting candidate in column order, or becomes unmapped;
 * - an assigned column leaves `unmapped` and every conflict list.
 * A column is looked up exactly first, then by `normalizeHeader` when that finds exactly one.
 * Throws on an unknown field, an unknown or ambiguous column, or one column given to two fields.
 * Does not modify `result`.
 */
export function applyOverrides(
  result: MappingResult,
  overrides: Readonly<Record<string, string>>,
  headers: readonly string[],
): MappingResult {
  const fieldOfColumn = new Map<string, FieldName>();
  for (const [field, column] of Object.entries(overrides)) {
    if (!isFieldName(field)) {
      throw new Error(
        `Cannot map ${field}=${column}: unknown field ${JSON.stringify(field)}. ` +
          `Known fields: ${FIELDS.map((f) => f.field).join(', ')}`,
      );
    }
    const header = resolveColumn(field, column, headers);
    const other = fieldOfColumn.get(header);
    if (other !== undefined) {
      throw new Error(`Cannot map ${field}=${column}: column ${JSON.stringify(header)} is already mapped to ${other}`);
    }
    fieldOfColumn.set(header, field);
  }
  const userFields = new Set(fieldOfColumn.values());
  const isUserColumn = (h: string) => fieldOfColumn.has(h);

  const mapping: FieldMapping = { ...result.mapping };
  for (const [field, header] of Object.entries(mapping) as [FieldName, string][]) {
    if (userFields.has(field) || !isUserColumn(header)) continue;
    const next = result.conflicts.find((c) => c.field === field)?.headers.find((h) => !isUserColumn(h));
    if (next === undefined) delete mapping[field];
    else mapping[field] = next;
  }
  for (const [header, field] of fieldOfColumn) mapping[field] = header;

  const conflicts = result.conflicts
    .filter((c) => !userFields.has(c.field))
    .map((c) => ({ field: c.field, headers: c.headers.filter((h) => !isUserColumn(h)) }))
    .filter((c) => c.headers.length > 1);
  const unmapped = result.unmapped.filter((h) => !isUserColumn(h));
  return { mapping, unmapped, conflicts };
}

function resolveColumn(field: string, column: string, headers: readonly string[]): string {
  if (headers.includes(column)) return column;
  const key = normalizeHeader(column);
  const near = key === '' ? [] : [...new Set(headers.filter((h) => normalizeHeader(h) === key))];
  if (near.length === 1) return near[0]!;
  const list = headers.map((h) => JSON.stringify(h)).join(', ');
  if (near.length > 1) {
    throw new Error(
      `Cannot map ${field}=${column}: column ${JSON.stringify(column)} is ambiguous; it could be ` +
        `${near.map((h) => JSON.stringify(h)).join(' or ')}. Available columns: ${list}`,
    );
  }
  throw new Error(`Cannot map ${field}=${column}: no column ${JSON.stringify(column)}. Available columns: ${list}`);
}

/** The `required` fields that `mapping` does not provide, in the order given. */
export function missingFields(mapping: Readonly<Partial<Record<string, string>>>, required: readonly string[]): string[] {
  return required.filter((field, i) => mapping[field] === undefined && required.indexOf(field) === i);
}
