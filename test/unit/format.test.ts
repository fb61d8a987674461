import { describe, expect, test } from 'vitest';
import { formatAmount, formatDecimal, formatFigure, formatNumber, formatPeriod, formatShare } from '../../src/i18n/format';

describe('headline figures keep four significant digits', () => {
  test.each([
    [5_007_123_456, '50.07亿', '5.007B'],
    [1_234_567, '123.45万', '1.234M'],
    [5_000_000_000, '50亿', '5B'],
    [98_765, '9.876万', '98.76K'],
    [null, '—', '—'],
  ])('%s → %s / %s', (v, zh, en) => {
    expect(formatFigure(v, 'zh-CN')).toBe(zh);
    expect(formatFigure(v, 'en')).toBe(en);
  });
});

describe('万/亿 amount formatting (cut, never rounded up)', () => {
  test.each([
    [0, '0', '0'],
    [9999, '9999', '9.99K'],
    [10000, '1万', '10K'],
    [123456, '12.34万', '123.45K'],
    [99999999, '9999.99万', '99.99M'],
    [99995, '9.99万', '99.99K'],
    [9999.999, '9999.99', '9.99K'],
    [100000000, '1亿', '100M'],
    [150000000, '1.5亿', '150M'],
    [1234567890123, '12345.67亿', '1234.56B'],
    [-56700, '-5.67万', '-56.7K'],
    [null, '—', '—'],
    [Number.NaN, '—', '—'],
  ])('%s → %s / %s', (v, zh, en) => {
    expect(formatAmount(v, 'zh-CN')).toBe(zh);
    expect(formatAmount(v, 'en')).toBe(en);
  });

  // A value just below a tier bound (500万, 50万, 1亿) never shows as the bound.
  test.each([
    [4_999_999.99, '499.99万', '4.99M'],
    [499_999.999, '49.99万', '499.99K'],
    [99_999_999.99, '9999.99万', '99.99M'],
    [-4_999_999.99, '-499.99万', '-4.99M'],
    [5_000_000, '500万', '5M'],
    [5_000_000.01, '500万', '5M'],
  ])('bound: %s → %s / %s', (v, zh, en) => {
    expect(formatAmount(v, 'zh-CN')).toBe(zh);
    expect(formatAmount(v, 'en')).toBe(en);
  });

  // Float noise is not a value: a sum meant as 500万 is 500万, and 0.29 is not cut to 0.28.
  test.each([
    [4_999_999.999999999, '500万'],
    [0.1 + 0.2, '0.3'],
    [0.29, '0.29'],
    [0.7 + 0.1, '0.8'],
  ])('float noise: %s → %s', (v, zh) => expect(formatAmount(v, 'zh-CN')).toBe(zh));

  // Below the decimals shown, a non-zero amount keeps two significant digits.
  test.each([
    [0.004, '0.004'],
    [0.0012345, '0.0012'],
    [-0.004, '-0.004'],
    [3e-9, '3e-9'],
  ])('tiny: %s → %s', (v, s) => {
    expect(formatAmount(v, 'zh-CN')).toBe(s);
    expect(formatAmount(v, 'en')).toBe(s);
  });

  test('digits', () => {
    expect(formatAmount(123456, 'zh-CN', 0)).toBe('12万');
    expect(formatAmount(4_999_999.99, 'zh-CN', 6)).toBe('499.999999万');
  });
});

describe('shares: never 0.0% unless 0, never 100.0% unless 1', () => {
  test.each([
    [0, '0.0%'],
    [0.1234, '12.3%'],
    [0.12351, '12.4%'],
    [1, '100.0%'],
    [0.0001, '0.01%'],
    [0.00001234, '0.0012%'],
    [-0.0000001, '-0.00001%'],
    [0.99996, '99.9%'],
    [0.9995, '99.9%'],
    [Number.NaN, '—'],
  ])('%s → %s', (v, s) => expect(formatShare(v)).toBe(s));
});

describe('decimals and table numbers', () => {
  test.each([
    [0, 4, false, '0'],
    [0, 4, true, '0.0000'],
    [0.1, 4, true, '0.1000'],
    [0.09999, 4, true, '0.0999'], // a PSI just under the 0.1 band edge
    [0.00004123, 4, true, '0.000041'], // a PSI contribution
    [0.0001, 4, false, '0.0001'],
    [-0.00005, 4, false, '-0.00005'],
    [1.2e-9, 4, false, '1.2e-9'],
    [0.9996, 3, true, '0.999'], // a Gini never reads 1.000
    [Number.POSITIVE_INFINITY, 4, false, '—'],
  ])('formatDecimal(%s, %s, pad %s) → %s', (v, d, pad, s) => expect(formatDecimal(v, d, { pad })).toBe(s));

  test.each([
    [1234567, '1,234,567'],
    [1234567.123456, '1,234,567.1234'],
    [4_999_999.99999, '4,999,999.9999'],
    [0.00004, '0.00004'],
    [-0.00004, '-0.00004'],
    [-1234.5, '-1,234.5'],
  ])('formatNumber(%s) → %s', (v, s) => expect(formatNumber(v)).toBe(s));
});

describe('periods', () => {
  test('periods show as YYYY-MM', () => {
    expect(formatPeriod('2025-12-31')).toBe('2025-12');
    expect(formatPeriod('2025-12')).toBe('2025-12');
    expect(formatPeriod('FY2025')).toBe('FY2025');
  });
});
