/**
 * Number formatting of our own: Intl's compact notation for zh-CN (万/亿) differs between
 * browser versions, and slides must read the same on every projector.
 */
export type Locale = 'zh-CN' | 'en';

const group = (v: number, digits: number) =>
  v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Trims trailing zeros of a fixed-point string: 12.30 → 12.3, 5.00 → 5. */
const trim = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** An amount in yuan: `1.23亿`, `56.7万`, `9,800` (zh) or `123.0M`, `56.7K` (en). */
export function formatAmount(value: number | null | undefined, locale: Locale, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const sign = value < 0 ? '-' : '';
  const a = Math.abs(value);
  if (locale === 'zh-CN') {
    if (a >= 1e8) return `${sign}${trim((a / 1e8).toFixed(digits))}亿`;
    if (a >= 1e4) return `${sign}${trim((a / 1e4).toFixed(digits))}万`;
    return `${sign}${trim(a.toFixed(digits))}`;
  }
  if (a >= 1e9) return `${sign}${trim((a / 1e9).toFixed(digits))}B`;
  if (a >= 1e6) return `${sign}${trim((a / 1e6).toFixed(digits))}M`;
  if (a >= 1e3) return `${sign}${trim((a / 1e3).toFixed(digits))}K`;
  return `${sign}${trim(a.toFixed(digits))}`;
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
