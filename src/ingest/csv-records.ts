/**
 * Where each CSV record starts, by a quote-aware scan of the file's UTF-8 bytes. DuckDB's reader
 * gives rows but not their lines, and its reject lines are off when quoted fields hold line
 * breaks; analysts need the line number Excel or an editor shows them.
 *
 * The scan runs before the bytes go to the engine (the browser's engine takes them over, so they
 * cannot be read afterwards) and needs no delimiter: records DuckDB rejected are found by the
 * line it reports for them, which counts line breaks outside quotes (blank lines included), not
 * by counting fields.
 */
export interface RecordStarts {
  /** Non-blank records after the header. */
  readonly count: number;
  /**
   * The line (1-based) where each record after the header starts; undefined when every record
   * is one line with no blank line between (record i then starts on line i + 2).
   */
  readonly lines: Int32Array | undefined;
  /**
   * The record DuckDB's reject table names by `line`: one plus the line breaks outside quoted
   * fields before it (its byte offsets are off by one or two, depending on the line ends and
   * what precedes; its line counts matched the records of generated 1.5M-row files exactly).
   */
  recordAtReaderLine(line: number): number | undefined;
  /** The line where a quoted field opens and never closes, or undefined. */
  readonly openQuoteLine: number | undefined;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Scans line by line with `indexOf` (native, fast), looking at single bytes only on lines that
 * hold a quote: a 1M-row file without quotes costs one `indexOf` per line. Quotes, line breaks
 * and carriage returns are ASCII, never part of a multi-byte UTF-8 character.
 */
export function scanRecordStarts(bytes: Uint8Array): RecordStarts {
  const q = 0x22; // '"', the quote DuckDB's sniffer finds in the files this reads
  const n = bytes.length;
  let readerLines = new Int32Array(1024);
  let lines = new Int32Array(1024);
  let total = 0; // records, the header included
  let readerLine = 1;
  // Every record on its own line, no blank lines: line = index + 2, and `lines` is not kept.
  let simple = true;
  let nextQuote = bytes.indexOf(q);
  let line = 1;
  let quoteLine = 0;
  let inQuotes = false;
  let pos = 0;
  while (pos < n) {
    const recordStart = pos;
    const recordLine = line;
    let end: number;
    for (;;) {
      let nl = bytes.indexOf(LF, pos);
      if (nl < 0) nl = n;
      if (nextQuote >= 0 && nextQuote < nl) {
        for (let i = nextQuote; i < nl; i++) {
          if (bytes[i] !== q) continue;
          // A doubled quote inside a quoted field is a quote character, not its end.
          if (inQuotes && bytes[i + 1] === q) {
            i++;
            continue;
          }
          inQuotes = !inQuotes;
          if (inQuotes) quoteLine = line;
        }
        nextQuote = bytes.indexOf(q, nl);
      }
      if (inQuotes && nl < n) {
        // A line break inside a quoted field: the record goes on.
        line++;
        pos = nl + 1;
        continue;
      }
      end = nl;
      break;
    }
    let blank = true;
    for (let i = recordStart; i < end; i++) {
      if (bytes[i] !== CR) {
        blank = false;
        break;
      }
    }
    if (!blank) {
      if (total === lines.length) {
        readerLines = grow(readerLines, total * 2);
        lines = grow(lines, total * 2);
      }
      readerLines[total] = readerLine;
      lines[total] = recordLine;
      if (recordLine !== total + 1) simple = false;
      total++;
    }
    readerLine++;
    line++;
    pos = end + 1;
  }
  return {
    count: Math.max(total - 1, 0),
    lines: simple ? undefined : lines.slice(1, total),
    recordAtReaderLine(wanted) {
      // Binary search (the header, index 0 here, is not a record).
      let lo = 1;
      let hi = total - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = readerLines[mid]!;
        if (at === wanted) return mid - 1;
        if (at < wanted) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    },
    openQuoteLine: inQuotes ? quoteLine : undefined,
  };
}

function grow(from: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const to = new Int32Array(length);
  to.set(from);
  return to;
}

/**
 * The line of each row DuckDB accepted, by row number, when it set aside the records at
 * `rejected` (record indices): row k is the k-th record not among them. Holds only the
 * lines (not the scan's reader lines), since a loaded file keeps it for later messages.
 */
export function acceptedRowLines(records: Pick<RecordStarts, 'count' | 'lines'>, rejected: readonly number[]): (row: number) => number | undefined {
  const { count, lines } = records;
  const skipped = [...new Set(rejected)].sort((a, b) => a - b);
  return (row) => {
    let r = row;
    for (const j of skipped) {
      if (j > r) break;
      r++;
    }
    return row < 0 || r >= count ? undefined : recordLine(lines, r);
  };
}

/** The line where record `index` starts, from {@link RecordStarts.lines}. */
export function recordLine(lines: Int32Array | undefined, index: number): number {
  return lines ? lines[index]! : index + 2;
}
