import { IngestError } from './report';

/**
 * What one browser tab can load. DuckDB-WASM's memory tops out near 4 GB and never shrinks; a
 * text file is decoded into a JavaScript string (V8 caps strings near 512M characters) and then
 * held by DuckDB as text. Larger files belong to the command line (native DuckDB, no such cap).
 */
export const SIZE_LIMITS = {
  text: 400 * 1024 ** 2,
  xlsx: 150 * 1024 ** 2,
  binary: 800 * 1024 ** 2,
} as const;

function kindOf(name: string): keyof typeof SIZE_LIMITS {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'parquet' || ext === 'arrow' || ext === 'feather' || ext === 'ipc') return 'binary';
  return 'text';
}

const mb = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${Math.round(n / 1024 ** 2)} MB`);

/** Why a file is too large for the tab (before it is read), or undefined when it fits. */
export function sizeRefusalError(name: string, size: number): IngestError | undefined {
  const limit = SIZE_LIMITS[kindOf(name)];
  if (size <= limit) return undefined;
  return new IngestError(name, { code: 'errTooLarge', params: { size: mb(size), limit: mb(limit), command: `npm run -s tierlens -- apply --input ${name} …` } });
}

/** The same in English (the command line, logs). */
export function sizeRefusal(name: string, size: number): string | undefined {
  return sizeRefusalError(name, size)?.message;
}
