/**
 * Bytes → text. DuckDB's CSV reader accepts only UTF-8/UTF-16/Latin-1, while Excel on Chinese
 * Windows saves CSV in GBK, so every text file is decoded here first.
 * Automatic choice: a BOM decides; otherwise strict UTF-8, and if that fails, strict GB18030
 * (a superset of GBK and GB2312). A file that is neither is refused with the byte offset.
 */

import { gbkToUtf8 } from './gbk-utf8';
import { t } from '../i18n/messages';

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
export type EncodingChoice = 'auto' | TextEncoding;

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
  readonly bom: boolean;
}

export class DecodeError extends Error {
  readonly code = 'errCannotDecode' as const;
  constructor(
    readonly params: { readonly tried: string; readonly offset: number; readonly line: number },
    readonly line: number | undefined,
  ) {
    super(t('en', 'errCannotDecode', params));
    this.name = 'DecodeError';
  }
}

function bomOf(bytes: Uint8Array): TextEncoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Valid UTF-8, checked a slice at a time so that no string of the whole file is made. */
function isUtf8(bytes: Uint8Array): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const SLICE = 8 << 20;
  try {
    for (let i = 0; i < bytes.length; i += SLICE) decoder.decode(bytes.subarray(i, i + SLICE), { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

function strict(bytes: Uint8Array, encoding: TextEncoding): string | undefined {
  try {
    // ignoreBOM: false strips a leading BOM of the same encoding.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * UTF-16 without a BOM (some exports write it): text whose every other byte is NUL. ASCII
 * characters then show as `x 00` (little-endian) or `00 x` (big-endian).
 */
export function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Decodes a text file, choosing the encoding as described above. */
export function decodeText(bytes: Uint8Array, choice: EncodingChoice = 'auto'): DecodedText {
  const bom = bomOf(bytes) ?? (choice === 'auto' ? guessUtf16(bytes) : undefined);
  if (choice !== 'auto') {
    const text = strict(bytes, choice);
    if (text === undefined) throw badBytes(bytes, choice);
    return { text, encoding: choice, bom: bom === choice };
  }
  if (bom) {
    const text = strict(bytes, bom);
    if (text === undefined) throw badBytes(bytes, bom);
    return { text, encoding: bom, bom: bomOf(bytes) !== undefined };
  }
  const utf8 = strict(bytes, 'utf-8');
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', bom: false };
  const gb = strict(bytes, 'gb18030');
  if (gb !== undefined) return { text: gb, encoding: 'gb18030', bom: false };
  throw badBytes(bytes, 'utf-8 or gb18030');
}

/** A text file as UTF-8 bytes (what DuckDB's CSV reader takes). */
export interface Utf8Text {
  readonly utf8: Uint8Array;
  readonly encoding: TextEncoding;
  readonly bom: boolean;
}

/**
 * {@link decodeText} for readers of UTF-8 bytes, with the same choice of encoding. GBK goes to
 * UTF-8 in one pass over the bytes (gbk-utf8.ts), not through a string and back; whatever
 * that pass does not cover (four-byte GB18030, bad bytes, BOMs, UTF-16) takes decodeText's way.
 */
export function decodeToUtf8(bytes: Uint8Array, choice: EncodingChoice = 'auto'): Utf8Text {
  // UTF-8 with a BOM (what Excel's "CSV UTF-8" writes): checked by decoding, then the bytes after
  // the BOM are the UTF-8 wanted; encoding the text again cost ~2 s for a 1M-row file in the page.
  // No string of the text is made: a CSV's readers use the bytes (a 1M-row file's text is a
  // 260 MB string).
  if (bomOf(bytes) === 'utf-8' && (choice === 'auto' || choice === 'utf-8')) {
    const utf8 = bytes.subarray(3);
    if (!isUtf8(utf8)) throw badBytes(bytes, 'utf-8');
    return { utf8, encoding: 'utf-8', bom: true };
  }
  const plain = bomOf(bytes) === undefined && (choice !== 'auto' || guessUtf16(bytes) === undefined);
  if (choice === 'auto' && plain && isUtf8(bytes)) return { utf8: bytes, encoding: 'utf-8', bom: false };
  if ((choice === 'auto' || choice === 'gb18030') && plain) {
    const utf8 = gbkToUtf8(bytes);
    if (utf8 !== undefined) return { utf8, encoding: 'gb18030', bom: false };
  }
  const d = decodeText(bytes, choice);
  const utf8 = d.encoding === 'utf-8' && !d.bom ? bytes : new TextEncoder().encode(d.text);
  return { utf8, encoding: d.encoding, bom: d.bom };
}

/**
 * Finds where decoding breaks, to name the line in the error: the longest prefix each tried
 * encoding decodes (stream mode, so a character cut by the prefix is no error), and the
 * encoding that got furthest is the one the file was most likely meant to be in.
 */
function badBytes(bytes: Uint8Array, tried: string): DecodeError {
  const encodings = tried === 'utf-8 or gb18030' ? ['utf-8', 'gb18030'] : [tried];
  const at = Math.max(...encodings.map((e) => decodablePrefix(bytes, e)));
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  return new DecodeError({ tried, offset: at, line }, line);
}

/** Length of the longest prefix that decodes (a binary search: decoding fails for every longer one too). */
function decodablePrefix(bytes: Uint8Array, encoding: string): number {
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/** True when the bytes look like binary data rather than text (NUL bytes outside UTF-16). */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bomOf(bytes)?.startsWith('utf-16') || guessUtf16(bytes)) return false;
  const n = Math.min(bytes.length, 8192);
  let nul = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) nul++;
  return nul > 0;
}
