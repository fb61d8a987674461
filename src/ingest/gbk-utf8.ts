/**
 * GBK bytes → UTF-8 bytes, without a JavaScript string in between. DuckDB reads only UTF-8,
 * and decoding a 123 MB GBK extract to a string and encoding it back took 2.3 s + 2.2 s in
 * the page; this loop does both in one pass over the bytes.
 *
 * It covers what Excel writes on Chinese Windows: ASCII and GBK's two-byte characters. The
 * two-byte table comes from the platform's own `TextDecoder('gb18030')`, so every character
 * maps exactly as the decoder maps it. Anything else — GB18030's four-byte sequences, the
 * lone byte 0x80, invalid or cut sequences — returns `undefined`, and the caller takes the
 * decoder's path, which handles those and names the line of a bad byte.
 */

/** Two-byte sequences: lead 0x81–0xFE (126) × trail 0x40–0x7E, 0x80–0xFE (190). */
const LEADS = 126;
const TRAILS = 190;

const pointerOf = (lead: number, trail: number) => (lead - 0x81) * TRAILS + trail - (trail < 0x7f ? 0x40 : 0x41);

let table: Int32Array | undefined;

/** Code point of each two-byte sequence by pointer; -1 where the decoder does not give one BMP character. */
function twoByteTable(): Int32Array {
  if (table) return table;
  const n = LEADS * TRAILS;
  // Every sequence once, each followed by a newline (never part of a GBK sequence), in one
  // decode call: 23,940 characters, a few milliseconds.
  const all = new Uint8Array(n * 3);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let k = 0; k < TRAILS; k++) {
      const trail = k < 63 ? 0x40 + k : 0x41 + k;
      const p = pointerOf(lead, trail);
      all[p * 3] = lead;
      all[p * 3 + 1] = trail;
      all[p * 3 + 2] = 0x0a;
    }
  }
  const parts = new TextDecoder('gb18030').decode(all).split('\n');
  const t = new Int32Array(n).fill(-1);
  for (let p = 0; p < n; p++) {
    const s = parts[p];
    // An unmapped sequence decodes to U+FFFD (and its trail byte, if ASCII): not one character.
    if (s !== undefined && s.length === 1 && s !== '\ufffd') t[p] = s.charCodeAt(0);
  }
  return (table = t);
}

/** UTF-8 bytes of GBK text, or `undefined` when the bytes hold anything but ASCII and two-byte GBK. */
export function gbkToUtf8(bytes: Uint8Array): Uint8Array | undefined {
  const t = twoByteTable();
  const n = bytes.length;
  // A two-byte character becomes at most three bytes.
  const out = new Uint8Array(n + (n >> 1) + 1);
  let o = 0;
  let i = 0;
  while (i < n) {
    // A run of ASCII (most of a CSV: digits, separators, codes) is copied in one go.
    const start = i;
    while (i < n && bytes[i]! < 0x80) i++;
    if (i > start) {
      out.set(bytes.subarray(start, i), o);
      o += i - start;
      if (i >= n) break;
    }
    const b = bytes[i]!;
    if (b === 0x80 || b === 0xff || i + 1 >= n) return undefined;
    const trail = bytes[i + 1]!;
    // 0x30–0x39 starts a four-byte sequence; the rest below 0x40, 0x7F and 0xFF are invalid.
    if (trail < 0x40 || trail === 0x7f || trail === 0xff) return undefined;
    const cp = t[pointerOf(b, trail)]!;
    if (cp < 0) return undefined;
    i += 2;
    if (cp < 0x80) {
      out[o++] = cp;
    } else if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6);
      out[o++] = 0x80 | (cp & 0x3f);
    } else {
      out[o++] = 0xe0 | (cp >> 12);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    }
  }
  return out.subarray(0, o);
}
