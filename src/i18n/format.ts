/**
 * Number formatting of our own: Intl's compact notation for zh-CN (万/亿) differs between
 * browser versions, and slides must read the same on every projector.
 *
 * Two rules hold for every number shown (issue 17):
 * - a value is never rounded up to a number it does not reach: amounts and decimals are cut
 *   (toward zero), so 4,999,999.99 under a 500万 bound shows as 499.99万, not 500万;
 * - a value that is not zero never shows as 0: when the digits shown would all be zero, two
 *   significant digits are kept (0.000041, or 4.1e-8 below a millionth).
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

/** A non-negative number as decimal digits: value = 0.`digits` × 10^`point` (`digits` '' for 0). */
interface Decimal {
  readonly digits: string;
  readonly point: number;
}

/**
 * The decimal digits of |v|, exact on the shortest text of the double once rounded to 12
 * significant digits: cutting the binary value itself would turn 0.29 (0.28999…) into 0.28, and
 * float sums such as 4,999,999.999999999 (meant as 500万) would be cut below the bound.
 */
function decimalOf(v: number): Decimal {
  const text = String(Number(Math.abs(v).toPrecision(12)));
  const [mantissa = '0', exponent = '0'] = text.split('e');
  const dot = mantissa.indexOf('.');
  const all = mantissa.replace('.', '');
  const lead = /^0*/.exec(all)![0].length;
  const digits = all.slice(lead).replace(/0+$/, '');
  return { digits, point: (dot < 0 ? mantissa.length : dot) + Number(exponent) - lead };
}

/** `d` × 10^`shift`, cut to at most `decimals` decimals: integer part and fraction digits (trailing zeros dropped). */
function cut(d: Decimal, shift: number, decimals: number): { int: string; frac: string } {
  const point = d.point + shift;
  const int = point <= 0 ? '0' : d.digits.slice(0, point).padEnd(point, '0');
  const fracAll = point >= 0 ? d.digits.slice(point) : '0'.repeat(-point) + d.digits;
  return { int, frac: fracAll.slice(0, Math.max(0, decimals)).replace(/0+$/, '') };
}

/** A non-zero `d` × 10^`shift` below the shown precision, with two significant digits (cut). */
function significant(d: Decimal, shift: number): string {
  const point = d.point + shift;
  const sig = d.digits.slice(0, 2);
  // Below a millionth, zeros would outnumber the digits: 4.1e-8.
  if (point < -5) return `${sig[0]}${sig.length > 1 ? `.${sig.slice(1)}` : ''}e-${1 - point}`;
  if (point <= 0) return `0.${'0'.repeat(-point)}${sig}`;
  return `${d.digits.slice(0, point).padEnd(point, '0')}${d.digits.length > point ? `.${d.digits.slice(point, point + 2)}` : ''}`;
}

const groupDigits = (int: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

interface DecimalOptions {
  /** Keep trailing zeros to exactly `decimals` places (PSI 0.1000, Gini 0.350). */
  readonly pad?: boolean;
  /** Thousands separators in the integer part. */
  readonly group?: boolean;
}

/**
 * A number cut (not rounded) to `decimals` places, so it never reaches a bound it is below
 * (a PSI of 0.09999 is 0.0999, not 0.1000); a non-zero value those places would show as 0 keeps
 * two significant digits instead (0.000041 for a PSI contribution).
 */
export function formatDecimal(v: number, decimals = 4, options: DecimalOptions = {}): string {
  if (!Number.isFinite(v)) return '—';
  const d = decimalOf(v);
  const sign = v < 0 && d.digits !== '' ? '-' : '';
  const { int, frac } = cut(d, 0, decimals);
  if (d.digits !== '' && int === '0' && frac === '') return `${sign}${significant(d, 0)}`;
  const shownFrac = options.pad ? frac.padEnd(decimals, '0') : frac;
  return `${sign}${options.group ? groupDigits(int) : int}${shownFrac ? `.${shownFrac}` : ''}`;
}

/** A number with thousands separators and at most 4 decimals, cut (table cells, previews). */
export function formatNumber(v: number): string {
  return Number.isInteger(v) ? group(v, 0) : formatDecimal(v, 4, { group: true });
}

const UNITS: Readonly<Record<Locale, readonly (readonly [number, string])[]>> = {
  'zh-CN': [[8, '亿'], [4, '万'], [0, '']],
  en: [[9, 'B'], [6, 'M'], [3, 'K'], [0, '']],
};

/**
 * An amount in yuan: `1.23亿`, `56.7万`, `9800` (zh) or `123.45M`, `56.7K` (en), with at most
 * `digits` decimals of the unit. Cut, not rounded: 4,999,999.99 is 499.99万 and 99,999,999 is
 * 9999.99万 (never the bound 500万 or 1亿 they are below). Below one yuan, an amount the
 * decimals would show as 0 keeps two significant digits (0.0012).
 */
export function formatAmount(value: number | null | undefined, locale: Locale, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const d = decimalOf(value);
  if (d.digits === '') return '0';
  const sign = value < 0 ? '-' : '';
  const units = UNITS[locale];
  // The unit by the digits themselves (the value's integer part has `point` digits).
  const [power, unit] = units.find(([p]) => d.point > p) ?? units[units.length - 1]!;
  const { int, frac } = cut(d, -power, digits);
  if (int === '0' && frac === '') return `${sign}${significant(d, -power)}${unit}`;
  return `${sign}${int}${frac ? `.${frac}` : ''}${unit}`;
}

/**
 * A headline amount: as `formatAmount`, with decimals enough for four significant digits (at
 * most three), so 5,007,000,000 reads 5.007B rather than 5B.
 */
export function formatFigure(value: number | null | undefined, locale: Locale): string {
  const shown = formatAmount(value, locale);
  const intDigits = /^-?(\d+)/.exec(shown)?.[1]?.length ?? 0;
  return intDigits > 0 && intDigits < 2 ? formatAmount(value, locale, 3) : shown;
}

/** A count with thousands separators: 12,345. */
export function formatCount(value: number): string {
  return group(value, 0);
}

/**
 * A share 0..1 as a percentage with one decimal: 12.3%. Never 0.0% for a share that is not 0
 * (0.0012%), nor 100.0% for one below 1 (99.9%).
 */
export function formatShare(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const shown = (value * 100).toFixed(1);
  const d = decimalOf(value);
  const sign = value < 0 ? '-' : '';
  if (d.digits === '') return '0.0%';
  if (Number(shown) === 0) return `${sign}${significant(d, 2)}%`;
  if (Math.abs(Number(shown)) >= 100 && Math.abs(value) < 1) {
    const { int, frac } = cut(d, 2, 1);
    return `${sign}${int}.${frac || '0'}%`;
  }
  return `${shown}%`;
}

/** A period as shown: months and month-end dates as YYYY-MM, anything else unchanged. */
export function formatPeriod(period: string): string {
  const m = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(period);
  return m ? `${m[1]}-${m[2]}` : period;
}
