/**
 * Number formatting of our own: Intl's compact notation for zh-CN (万/亿) differs between
 * browser versions, and slides must read the same on every projector.
 */
export type Locale = 'zh-CN' | 'en';

// One formatter per digit count: `toLocaleString` with options builds a new Intl.NumberFormat on
// every call, and counts are formatted thousands of times per slider move (labels, tables).
const groupers = new Map<number, Intl.NumberFormat>();
const group = (v: number, digits: number) => {
  let f = groupers.get(digits);
  if (!f) groupers.set(digits, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(v);
};

/** A number with thousands separators and at most 4 decimals (table cells, previews). */
export function formatNumber(v: number): string {
  return Number.isInteger(v) ? group(v, 0) : decimals.format(v);
}
const decimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** Trims trailing zeros of a fixed-point string: 12.30 → 12.3, 5.00 → 5. */
const trim = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** An amount in yuan: `1.23亿`, `56.7万`, `9,800` (zh) or `123.0M`, `56.7K` (en). */
export function formatAmount(value: number | null | undefined, locale: Locale, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const sign = value < 0 ? '-' : '';
  const a = Math.abs(value);
  const units: readonly [number, string][] = locale === 'zh-CN' ? [[1e8, '亿'], [1e4, '万'], [1, '']] : [[1e9, 'B'], [1e6, 'M'], [1e3, 'K'], [1, '']];
  const found = units.findIndex(([size]) => a >= size);
  const index = found < 0 ? units.length - 1 : found;
  const [size, unit] = units[index]!;
  const shown = (a / size).toFixed(digits);
  // Rounding can reach the next unit: 99,999,999 is 1亿, not 10000万.
  const bigger = units[index - 1];
  if (bigger && Number(shown) * size >= bigger[0]) return `${sign}${trim((a / bigger[0]).toFixed(digits))}${bigger[1]}`;
  return `${sign}${trim(shown)}${unit}`;
}

/** A count with thousands separators: 12,345. */
export function formatCount(value: number): string {
  return group(value, 0);
}

/** A share 0..1 as a percentage with one decimal: 12.3%. */
export function formatShare(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '—';
}

/** A period as shown: months and month-end dates as YYYY-MM, anything else unchanged. */
export function formatPeriod(period: string): string {
  const m = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(period);
  return m ? `${m[1]}-${m[2]}` : period;
}
