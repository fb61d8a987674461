/** Which reader a file needs, decided by its content first and its name second. */
export type FileFormat = 'csv' | 'parquet' | 'xlsx' | 'json' | 'ndjson' | 'arrow';

const startsWith = (bytes: Uint8Array, ascii: string) => [...ascii].every((c, i) => bytes[i] === c.charCodeAt(0));

/**
 * Magic bytes win over the extension (a `.csv` that is really an XLSX is common when users
 * rename files); the extension decides among text formats.
 */
export function detectFormat(name: string, bytes: Uint8Array): FileFormat | undefined {
  const ext = name.toLowerCase().replace(/#.*$/, '').split('.').pop() ?? '';
  if (startsWith(bytes, 'PAR1')) return 'parquet';
  if (startsWith(bytes, 'PK\u0003\u0004')) return ext === 'xlsx' || ext === 'xlsm' || ext === 'csv' || ext === 'xls' ? 'xlsx' : undefined;
  if (startsWith(bytes, 'ARROW1')) return 'arrow';
  // An IPC stream starts with the 0xFFFFFFFF continuation marker.
  if (bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff) return 'arrow';
  if (ext === 'parquet' || ext === 'arrow' || ext === 'feather' || ext === 'ipc' || ext === 'xlsx') return undefined;
  if (ext === 'json') return firstNonSpace(bytes) === '[' ? 'json' : 'ndjson';
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  return 'csv';
}

function firstNonSpace(bytes: Uint8Array): string {
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) {
    const b = bytes[i]!;
    if (b === 0xef || b === 0xbb || b === 0xbf) continue; // BOM
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return String.fromCharCode(b);
  }
  return '';
}
