/**
 * Where each CSV record starts, by a quote-aware scan of the decoded text. DuckDB's reader
 * gives rows but not their lines, and its reject lines can be off when quoted fields hold line
 * breaks; analysts need the line number Excel or an editor shows them.
 */
export interface RecordLines {
  /** Start line (1-based) of each non-blank record after the header. */
  readonly lines: Int32Array;
  /** Number of fields in each of those records. */
  readonly fields: Int32Array;
  readonly headerFields: number;
}

/**
 * `text` may also be the file's UTF-8 bytes when the delimiter and quote are ASCII: line breaks,
 * delimiters and quotes are then the same bytes, never inside a multi-byte character.
 */
export function scanRecords(text: string | Uint8Array, delimiter: string, quote = '"'): RecordLines {
  const d = delimiter.charCodeAt(0);
  const q = quote.charCodeAt(0);
  const lines: number[] = [];
  const fields: number[] = [];
  let line = 1;
  let recordStart = 1;
  let inQuotes = false;
  let fieldCount = 1;
  let empty = true;
  let headerFields = -1;
  const endRecord = () => {
    if (!empty) {
      if (headerFields < 0) headerFields = fieldCount;
      else {
        lines.push(recordStart);
        fields.push(fieldCount);
      }
    }
    fieldCount = 1;
    empty = true;
  };
  const step = (c: number) => {
    if (c === 10 /* \n */) {
      line++;
      if (!inQuotes) {
        endRecord();
        recordStart = line;
      }
      return;
    }
    if (c === 13 /* \r */) return;
    empty = false;
    if (c === q) inQuotes = !inQuotes;
    else if (c === d && !inQuotes) fieldCount++;
  };
  if (typeof text === 'string') for (let i = 0; i < text.length; i++) step(text.charCodeAt(i));
  else for (let i = 0; i < text.length; i++) step(text[i]!);
  endRecord();
  return { lines: Int32Array.from(lines), fields: Int32Array.from(fields), headerFields: Math.max(headerFields, 0) };
}

/**
 * Lines of the records DuckDB accepted, in order: records whose field count differs from the
 * header's are the ones it rejected. Undefined when the two views disagree (then callers say
 * "record N" instead of guessing a line).
 */
export function acceptedRecordLines(scan: RecordLines, acceptedCount: number): Int32Array | undefined {
  const out = new Int32Array(acceptedCount);
  let k = 0;
  for (let i = 0; i < scan.lines.length; i++) {
    if (scan.fields[i] !== scan.headerFields) continue;
    if (k >= acceptedCount) return undefined;
    out[k++] = scan.lines[i]!;
  }
  return k === acceptedCount ? out : undefined;
}

/**
 * The line where a quoted field opens and never closes, or undefined. An odd number of quote
 * characters is the cheap sign; only then is the text scanned.
 */
export function unterminatedQuoteLine(text: string | Uint8Array, quote = '"'): number | undefined {
  // UTF-8 bytes work as the text does: quotes and newlines are ASCII, never inside a multi-byte character.
  const q = quote.charCodeAt(0);
  const at = (i: number) => (typeof text === 'string' ? text.charCodeAt(i) : text[i]!);
  const next = (from: number) => (typeof text === 'string' ? text.indexOf(quote, from) : text.indexOf(q, from));
  let count = 0;
  for (let i = next(0); i >= 0; i = next(i + 1)) count++;
  if (count % 2 === 0) return undefined;
  let line = 1;
  let inQuotes = false;
  let openedAt = 1;
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (c === 10) line++;
    else if (c === q) {
      inQuotes = !inQuotes;
      if (inQuotes) openedAt = line;
    }
  }
  return inQuotes ? openedAt : undefined;
}
