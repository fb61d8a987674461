export interface FileNameOptions {
  /**
   * Append a local-time stamp `YYYYMMDD-HHmm` (`客户分级_20250131-0930.xlsx`): `true` for now,
   * or the `Date` to use. Off by default.
   */
  stamp?: boolean | Date;
}

/** Longest name we produce, in UTF-8 bytes (file systems allow 255; leave room for "(1)" suffixes). */
const MAX_NAME_BYTES = 200;
const FALLBACK_BASE = 'TierLens';

/** Characters Windows, macOS or Linux refuse in a file name (path separators among them). */
const RESERVED_CHARS = /[<>:"/\\|?*]/g;
/** Control characters and the invisible bidi controls used to disguise extensions (`‮gpj.exe`). */
const INVISIBLE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/** `YYYYMMDD-HHmm` in local time (the user's clock is what they will look for). */
export function fileStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}`;
}

/**
 * A download name that is safe on every desktop OS: keeps Chinese and other letters, removes
 * control and bidi characters, replaces path separators and `<>:"|?*` with `_`, collapses
 * white space, drops leading dots (hidden files) and trailing dots/spaces (Windows), prefixes
 * `_` to device names (CON, NUL, COM1…), limits the length to 200 UTF-8 bytes, and falls back
 * to `TierLens` when nothing is left. `ext` may be given with or without the dot (`'csv'`,
 * `'.xlsx'`); it is lower-cased and reduced to ASCII letters and digits; empty means no extension.
 */
export function safeFileName(base: string, ext: string, options: FileNameOptions = {}): string {
  const extension = ext.replace(/^\.+/, '').toLowerCase().replace(/[^a-z0-9]/g, '');
  let name = base
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(RESERVED_CHARS, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (name === '') name = FALLBACK_BASE;
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  const when = options.stamp instanceof Date && Number.isFinite(options.stamp.getTime()) ? options.stamp : new Date();
  const stamp = options.stamp ? `_${fileStamp(when)}` : '';
  const tail = `${stamp}${extension ? `.${extension}` : ''}`;
  name = truncateUtf8(name, MAX_NAME_BYTES - utf8Length(tail)).replace(/[.\s]+$/, '') || FALLBACK_BASE;
  return `${name}${tail}`;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Cuts at a code point boundary so no half character is left. */
function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = utf8Length(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}
