/**
 * The saved notebook file (`*.tierlens.json`): what the analyst built — cells, tiering scheme,
 * field mapping, view — and the *names* of the data files to re-attach. Never data rows: the
 * data stays on the analyst's machine and is re-attached on open.
 *
 * Reading is all-or-nothing: the text is parsed and every field validated before anything is
 * returned, so a bad file can never half-apply.
 */

import { said, say, verbatim, type Said } from '../i18n/said';
import type { Locale } from '../i18n/format';

export const NOTEBOOK_FORMAT = 'tierlens-notebook';
export const NOTEBOOK_VERSION = 1;
export const NOTEBOOK_APP = 'TierLens';

/** A data file to re-attach: identity only (name, size, modification time), never content. */
export interface NotebookFileRef {
  name: string;
  size: number;
  lastModified?: number;
}

/** The notebook itself belongs to the notebook module; here it is opaque apart from `cells`. */
export interface NotebookBody {
  cells: unknown[];
  [key: string]: unknown;
}

/** Per data file name: standard field → source column. */
export type FieldMapping = Record<string, Record<string, string>>;

export interface NotebookDoc {
  format: typeof NOTEBOOK_FORMAT;
  version: typeof NOTEBOOK_VERSION;
  /** ISO 8601 time of saving. */
  savedAt: string;
  app: typeof NOTEBOOK_APP;
  notebook: NotebookBody;
  scheme?: unknown;
  mapping?: FieldMapping;
  files: NotebookFileRef[];
  view?: unknown;
}

export type NotebookErrorCode = 'not-json' | 'wrong-format' | 'too-new' | 'invalid-field' | 'not-plain-json' | 'contains-data';

export type NotebookParseResult =
  | { ok: true; doc: NotebookDoc }
  /** `error` is English (logs); the page says `said` in its language. */
  | { ok: false; error: string; said: Said; code: NotebookErrorCode; field?: string };

/** Thrown by `serializeNotebook` and `assertNoData`; `field` is a path like `notebook.cells[2].result`. */
export class NotebookFileError extends Error {
  override name = 'NotebookFileError';
  constructor(
    readonly code: NotebookErrorCode,
    /** The message as catalog data (`code` here is the kind of problem, not a catalog key). */
    readonly said: Said,
    readonly field?: string,
  ) {
    super(say('en', said));
  }
  localized(locale: Locale): string {
    return say(locale, this.said);
  }
}

// ---------------------------------------------------------------------------------------------
// Building and writing

/** Copies only name, size and lastModified from `File` objects (or anything shaped like one). */
export function fileRefs(files: Iterable<{ name: string; size: number; lastModified?: number }>): NotebookFileRef[] {
  return Array.from(files, (f) => (f.lastModified === undefined ? { name: f.name, size: f.size } : { name: f.name, size: f.size, lastModified: f.lastModified }));
}

/** The envelope around the parts, stamped with `now`. */
export function makeNotebookDoc(
  parts: { notebook: NotebookBody; scheme?: unknown; mapping?: FieldMapping; files: readonly NotebookFileRef[]; view?: unknown },
  now: Date = new Date(),
): NotebookDoc {
  const doc: NotebookDoc = {
    format: NOTEBOOK_FORMAT,
    version: NOTEBOOK_VERSION,
    savedAt: now.toISOString(),
    app: NOTEBOOK_APP,
    notebook: parts.notebook,
    files: fileRefs(parts.files),
  };
  if (parts.scheme !== undefined) doc.scheme = parts.scheme;
  if (parts.mapping !== undefined) doc.mapping = parts.mapping;
  if (parts.view !== undefined) doc.view = parts.view;
  return doc;
}

/**
 * The file text: 2-space indented JSON with a trailing newline. Key order is stable: the
 * envelope in a fixed order (format, version, savedAt, app, notebook, scheme, mapping, files,
 * view), file references as name/size/lastModified, `mapping` sorted by file name and field.
 * The opaque parts (notebook, scheme, view) keep their own key order — we do not own them and
 * their owners may give order a meaning — and arrays are never reordered.
 *
 * Throws `NotebookFileError` rather than write a file `parseNotebookFile` would refuse or read
 * back differently: invalid envelope fields, values JSON cannot carry faithfully (NaN,
 * Infinity, bigint, functions, Date/Map/Set or other class instances, `undefined` in arrays,
 * cycles), or data rows (see `assertNoData`).
 */
export function serializeNotebook(doc: NotebookDoc): string {
  const checked = validateDoc(doc as unknown);
  if (!checked.ok) throw new NotebookFileError(checked.code, checked.said, checked.field);
  assertPlainJson(doc.notebook, 'notebook');
  if (doc.scheme !== undefined) assertPlainJson(doc.scheme, 'scheme');
  if (doc.view !== undefined) assertPlainJson(doc.view, 'view');
  const out = checked.doc;
  assertNoData(out);
  const ordered: Record<string, unknown> = {
    format: out.format,
    version: out.version,
    savedAt: out.savedAt,
    app: out.app,
    notebook: out.notebook,
  };
  if (out.scheme !== undefined) ordered['scheme'] = out.scheme;
  if (out.mapping !== undefined) ordered['mapping'] = sortMapping(out.mapping);
  ordered['files'] = out.files;
  if (out.view !== undefined) ordered['view'] = out.view;
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function sortMapping(mapping: FieldMapping): FieldMapping {
  const sorted: FieldMapping = {};
  for (const file of Object.keys(mapping).sort()) {
    const fields = mapping[file] ?? {};
    const inner: Record<string, string> = {};
    for (const field of Object.keys(fields).sort()) inner[field] = fields[field] ?? '';
    sorted[file] = inner;
  }
  return sorted;
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Reads a notebook file. Checks, in this order, so the message names the first real problem:
 * JSON syntax; a JSON object with `format: "tierlens-notebook"`; `version` (a newer version is
 * reported as such, before any other field, since newer files may legitimately differ); then
 * every field of version 1; then `assertNoData`. A leading BOM is ignored. The returned doc
 * carries only the known fields (unknown top-level keys and unknown keys of file references
 * are dropped); `notebook`, `scheme` and `view` are returned as parsed.
 */
export function parseNotebookFile(text: string): NotebookParseResult {
  if (typeof text !== 'string') return fail('not-json', said('nfNotText'));
  let root: unknown;
  try {
    root = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    // The parser's own words (the browser's, in its language) go in as they are.
    return fail('not-json', said('nfNotJson', { detail: e instanceof Error ? e.message : String(e) }));
  }
  const checked = validateDoc(root);
  if (!checked.ok) return checked;
  try {
    assertNoData(checked.doc);
  } catch (e) {
    if (e instanceof NotebookFileError) return fail(e.code, e.said, e.field);
    throw e;
  }
  return checked;
}

function fail(code: NotebookErrorCode, what: Said, field?: string): NotebookParseResult & { ok: false } {
  const error = say('en', what);
  return field === undefined ? { ok: false, code, error, said: what } : { ok: false, code, error, said: what, field };
}

function invalid(field: string, expected: Said, got: unknown): NotebookParseResult & { ok: false } {
  if (got === undefined) return fail('invalid-field', said('nfMissingField', { field, expected }), field);
  return fail('invalid-field', said('nfBadField', { field, expected, found: describe(got) }), field);
}

function describe(value: unknown): Said {
  if (value === null) return said('nfFoundNull');
  if (Array.isArray(value)) return said('nfExpList');
  if (typeof value === 'object') return said('nfExpObject');
  if (typeof value === 'string') return said('nfFoundText', { value: JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) });
  if (typeof value === 'number') return said('nfFoundNumber', { value: String(value) });
  if (typeof value === 'boolean') return said('nfFoundBoolean', { value: String(value) });
  return verbatim(`${typeof value} ${String(value)}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function validateDoc(root: unknown): NotebookParseResult {
  if (!isPlainObject(root)) return fail('wrong-format', said('nfNotObject'));
  const format = root['format'];
  if (format !== NOTEBOOK_FORMAT) {
    const found = format === undefined ? said('nfNoFormatField') : said('nfFormatIs', { value: String(JSON.stringify(format)) });
    return fail('wrong-format', said('nfWrongFormat', { found, format: NOTEBOOK_FORMAT }), 'format');
  }
  const version = root['version'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) return invalid('version', said('nfExpWholeNumber'), version);
  if (version > NOTEBOOK_VERSION) {
    return fail('too-new', said('nfTooNew', { version, supported: NOTEBOOK_VERSION }), 'version');
  }
  if (root['app'] !== NOTEBOOK_APP) return invalid('app', verbatim(`"${NOTEBOOK_APP}"`), root['app']);
  const savedAt = root['savedAt'];
  if (typeof savedAt !== 'string' || !Number.isFinite(Date.parse(savedAt))) return invalid('savedAt', said('nfExpDateTime'), savedAt);

  const notebook = root['notebook'];
  if (!isPlainObject(notebook)) return invalid('notebook', said('nfExpObject'), notebook);
  if (!Array.isArray(notebook['cells'])) return invalid('notebook.cells', said('nfExpList'), notebook['cells']);

  const rawFiles = root['files'];
  if (!Array.isArray(rawFiles)) return invalid('files', said('nfExpListOf', { shape: FILE_SHAPE }), rawFiles);
  const files: NotebookFileRef[] = [];
  for (let i = 0; i < rawFiles.length; i++) {
    const f: unknown = rawFiles[i];
    const at = `files[${i}]`;
    // Any object (a `File` too, when saving); only name, size and lastModified are read.
    if (f === null || typeof f !== 'object' || Array.isArray(f)) return invalid(at, said('nfExpObjectOf', { shape: FILE_SHAPE }), f);
    const { name, size, lastModified } = f as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') return invalid(`${at}.name`, said('nfExpNonEmptyText'), name);
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return invalid(`${at}.size`, said('nfExpBytes'), size);
    if (lastModified !== undefined && (typeof lastModified !== 'number' || !Number.isFinite(lastModified))) {
      return invalid(`${at}.lastModified`, said('nfExpMillis'), lastModified);
    }
    files.push(lastModified === undefined ? { name, size } : { name, size, lastModified });
  }

  const doc: NotebookDoc = {
    format: NOTEBOOK_FORMAT,
    version: NOTEBOOK_VERSION,
    savedAt,
    app: NOTEBOOK_APP,
    notebook: notebook as NotebookBody,
    files,
  };

  const mapping = root['mapping'];
  if (mapping !== undefined) {
    if (!isPlainObject(mapping)) return invalid('mapping', said('nfExpMapping'), mapping);
    const out: FieldMapping = {};
    for (const [file, fields] of Object.entries(mapping)) {
      const at = `mapping${pathKey(file)}`;
      if (!isPlainObject(fields)) return invalid(at, said('nfExpFieldColumns'), fields);
      const inner: Record<string, string> = {};
      for (const [field, column] of Object.entries(fields)) {
        if (typeof column !== 'string') return invalid(`${at}${pathKey(field)}`, said('nfExpColumnName'), column);
        inner[field] = column;
      }
      out[file] = inner;
    }
    doc.mapping = out;
  }
  if (root['scheme'] !== undefined) doc.scheme = root['scheme'];
  if (root['view'] !== undefined) doc.view = root['view'];
  return { ok: true, doc };
}

/** The keys of a file reference, as the file writes them. */
const FILE_SHAPE = '{name, size}';

function pathKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

// ---------------------------------------------------------------------------------------------
// Guards

/**
 * Throws unless `value` survives JSON unchanged: plain objects and arrays of strings, finite
 * numbers, booleans and null. `undefined` object properties are allowed (JSON drops them, as
 * the reader expects of optional fields); `undefined` in arrays (→ null) is not.
 */
function assertPlainJson(value: unknown, path: string, stack: Set<object> = new Set()): void {
  // `what` is a value or a type as JavaScript writes it (NaN, bigint), or a phrase.
  const bad = (what: string | Said): never => {
    throw new NotebookFileError('not-plain-json', said('nfNotPlainJson', { path, what }), path);
  };
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) bad(String(value));
      return;
    case 'object':
      break;
    default:
      return bad(typeof value);
  }
  if (value === null) return;
  if (stack.has(value)) bad(said('nfCircular'));
  if (Array.isArray(value)) {
    stack.add(value);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const at = `${path}[${i}]`;
      if (item === undefined) {
        throw new NotebookFileError('not-plain-json', said('nfUndefinedInList', { path: at }), at);
      }
      assertPlainJson(item, at, stack);
    }
    stack.delete(value);
    return;
  }
  if (!isPlainObject(value)) bad(said('nfClassObject', { name: value.constructor?.name ?? 'non-plain' }));
  stack.add(value);
  for (const [k, v] of Object.entries(value)) if (v !== undefined) assertPlainJson(v, `${path}${pathKey(k)}`, stack);
  stack.delete(value);
}

/** An array at least this long whose items all look like records of one table is "data". */
export const DATA_ROWS_THRESHOLD = 50;

/** Arrays that are lists by design and may legitimately be long; their items are still checked. */
const LIST_PATHS: ReadonlySet<string> = new Set(['notebook.cells', 'files']);

/**
 * Refuses documents that carry a dataset. Heuristic: a table exported as JSON is a long array of
 * records with the same shape, so any array of ≥ 50 (`DATA_ROWS_THRESHOLD`) items that are all
 * plain objects with exactly the same set of keys — or all arrays of the same length (≥ 2) of
 * plain values ("rows as arrays") — counts as data rows. Notebook settings (cells, tier
 * boundaries, chart options, column lists) are short or differently shaped. The cell list
 * itself (`notebook.cells`) and the file list (`files`) are exempt, since cells of one kind
 * share a shape and a notebook may have many; everything inside them is still checked.
 * Columnar data (`{amount: [1e5 numbers]}`) is not detected — the real guarantee is that the
 * savers never put rows in; this catches mistakes like caching a query result in a cell.
 * Throws `NotebookFileError` (code `contains-data`) naming the path.
 */
export function assertNoData(doc: unknown): void {
  const seen = new Set<object>();
  const walk = (value: unknown, path: string): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      if (!LIST_PATHS.has(path) && looksLikeRows(value)) {
        throw new NotebookFileError('contains-data', said('nfContainsData', { path, n: value.length }), path);
      }
      value.forEach((item: unknown, i) => walk(item, `${path}[${i}]`));
      return;
    }
    for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}${pathKey(k)}`);
  };
  walk(doc, '');
}

function looksLikeRows(items: readonly unknown[]): boolean {
  if (items.length < DATA_ROWS_THRESHOLD) return false;
  const first = items[0];
  if (isPlainObject(first)) {
    const shape = Object.keys(first).sort().join('\u0000');
    if (shape === '') return false;
    return items.every((item) => isPlainObject(item) && Object.keys(item).sort().join('\u0000') === shape);
  }
  if (Array.isArray(first)) {
    const width = first.length;
    if (width < 2) return false;
    const scalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    return items.every((item) => Array.isArray(item) && item.length === width && item.every(scalar));
  }
  return false;
}
